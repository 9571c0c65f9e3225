import Secp256k1
import SeedKit
import Sodium
import LightningTypes

/// The node's keys, derived from the 16-byte aezeed entropy exactly as lnd does
/// (docs/lnd.md §2.6) with SeedKit: BIP32 master from the entropy, keys at
/// m/1017'/coin'/family'/0/index.
struct NodeKeys: Sendable {
    let network: BitcoinNetwork
    private let ring: LNDKeyRing

    init(entropy: SecureBytes, network: BitcoinNetwork) throws {
        self.network = network
        self.ring = LNDKeyRing(root: try ExtendedPrivateKey(masterFromSeed: entropy, network: network), network: network)
    }

    func privateKey(_ locator: KeyLocator) throws -> PrivateKey {
        try ring.privateKey(for: locator)
    }

    var identityPublicKey: PublicKey {
        get throws { try ring.publicKey(for: .nodeIdentity) }
    }

    /// lnd's SCB key: SHA256 of the compressed family-7 public key (docs/lnd.md §1.1).
    func backupEncryptionKey() throws -> SecureBytes {
        try ring.staticChannelBackupKey()
    }

    /// keychain `ECDH`: SHA256(compressed(k·P)).
    func sharedKey(locator: KeyLocator, point: PublicKey) throws -> SecureBytes {
        try privateKey(locator).sharedSecret(with: point)
    }
}
