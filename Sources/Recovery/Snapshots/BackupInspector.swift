import BackupCore
import SeedKit
import Sodium
import LightningTypes

/// Opens an lnd-encrypted backup with keys rebuilt from the seed, detects Multi or Single, and
/// decodes every channel. No I/O: callers read the file and the secrets.
public struct BackupInspector: Sendable {
    public init() {}

    /// - Parameters:
    ///   - blob: the encrypted backup (nonce ‖ ciphertext ‖ tag).
    ///   - kind: force Multi or Single; `nil` detects it.
    ///   - network: the network the user named; `nil` tries mainnet and then the test networks.
    public func inspect(blob: [UInt8], kind: BackupKind?, seed: SeedMaterial, network: BitcoinNetwork?) throws -> BackupInspection {
        // The named network first; then the other coin type, so a wrong `--network` gets a precise hint.
        try inspect(blob: blob, kind: kind, network: network, candidates: RecoveryKeys.networks(seed: seed, first: network)) { candidate in
            try seed.keyRing(for: candidate).staticChannelBackupKey()
        }
    }

    /// With the keys that already opened the snapshot's envelope (`SnapshotOpener`): their key
    /// ring is used as it is, with no key ring derived again and no network guessed.
    public func inspect(blob: [UInt8], kind: BackupKind?, keys: RecoveryKeys, network: BitcoinNetwork?) throws -> BackupInspection {
        try inspect(blob: blob, kind: kind, network: network, candidates: [keys.network]) { _ in try keys.keyRing.staticChannelBackupKey() }
    }

    /// Tries each candidate network's static channel backup key in turn.
    private func inspect(blob: [UInt8], kind: BackupKind?, network: BitcoinNetwork?, candidates: [BitcoinNetwork],
                         key backupKey: (BitcoinNetwork) throws -> SecureBytes) throws -> BackupInspection {
        guard blob.count >= LNDBackupCrypto.nonceByteCount + LNDBackupCrypto.tagByteCount else {
            throw RecoveryError.invalidBackup("it is only \(blob.count) bytes; an lnd backup has at least 40 (nonce and tag)")
        }
        for candidate in candidates {
            let key = try backupKey(candidate)
            let plaintext: [UInt8]
            do {
                plaintext = try LNDBackupCrypto.decrypt(blob: blob, key: key)
            } catch LNDBackupCryptoError.authenticationFailed {
                continue
            }
            let file = try decode(plaintext, kind: kind)
            let channels = file.singles
            let chainHash = channels.first?.chainHash ?? file.unknownSingles.lazy.compactMap(\.chainHash).first
            let actual = chainHash.flatMap { BitcoinNetwork.fromGenesisHash(internalOrder: $0) } ?? candidate
            if let network, network != candidate {
                throw RecoveryError.wrongNetwork(given: network.rawValue, matching: actual.rawValue)
            }
            if let network, actual.coinType == network.coinType, actual != network, chainHash != nil {
                throw RecoveryError.wrongNetwork(given: network.rawValue, matching: actual.rawValue)
            }
            return BackupInspection(kind: file.kind, network: actual, channels: channels, unknownSingles: file.unknownSingles)
        }
        throw RecoveryError.notThisSeed(triedNetworks: candidates.map(\.rawValue))
    }

    private func decode(_ plaintext: [UInt8], kind: BackupKind?) throws -> ChannelBackupFile {
        do {
            return try ChannelBackupFile(plaintext: plaintext, kind: kind)
        } catch {
            throw RecoveryError.invalidBackup(error.description)
        }
    }
}
