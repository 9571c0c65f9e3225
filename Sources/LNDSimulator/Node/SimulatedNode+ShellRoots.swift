import BackupCore
import Secp256k1
import SeedKit
import Sodium
import LightningTypes

/// D1: how lnd re-exports a restored shell, and why it cannot restore that Single again.
extension SimulatedNode {
    /// A restored shell's `RevocationKeyLocator` is never set (chanrestore.go:113-134), so
    /// `NewSingle` writes the legacy form: the public key of the revocation producer's root, which
    /// is SHA256(ECDH(revocation root key, our multisig key)), with locator family 5 index 0
    /// (chanbackup/single.go:244-266).
    func reexportedShellRoot(_ single: SingleBackup) throws -> ShachainRoot {
        let keys = try requireKeys()
        let multiSig = try keys.privateKey(single.localKeys.multiSig).publicKey
        let root = try keys.sharedKey(locator: single.shachainRoot.locator, point: multiSig)
        let rootPoint = try PrivateKey(secret: root).publicKey
        return ShachainRoot(legacyPublicKey: try CompressedPublicKey(bytes: rootPoint.compressed),
                            locator: KeyLocator(.revocationRoot, index: 0))
    }

    /// A legacy-format root is restorable only when it is a family-5 key of this wallet: lnd scans
    /// the family for it (keychain/btcwallet.go:307-340) and fails otherwise
    /// (chanrestore.go:103-110). A re-exported shell's root is a hash, never such a key.
    func checkRestorableRoot(_ single: SingleBackup) throws(RPCError) {
        guard let legacy = single.shachainRoot.legacyPublicKey else { return }
        let keys = try requireKeys()
        for index in 0..<(database.nextKeyIndex + 100) {
            if let key = try? keys.privateKey(KeyLocator(.revocationRoot, index: index)), key.publicKey.compressed == legacy.bytes { return }
        }
        throw .unknown("could not derive private key for legacy channel revocation root format: unable to derive private key")
    }
}
