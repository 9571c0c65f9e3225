import BackupCore
import SeedKit
import Sodium

/// Opens an lnd-encrypted backup with keys rebuilt from the seed, detects Multi or Single, and
/// decodes every channel. No I/O: callers read the file and the secrets.
public struct BackupInspector: Sendable {
    public init() {}

    /// - Parameters:
    ///   - blob: the encrypted backup (nonce ‖ ciphertext ‖ tag).
    ///   - kind: force Multi or Single; `nil` detects it.
    ///   - network: the network the user named; `nil` tries mainnet and then the test networks.
    public func inspect(blob: [UInt8], kind: BackupKind?, seed: SeedMaterial, network: BitcoinNetwork?) throws -> BackupInspection {
        guard blob.count >= LNDBackupCrypto.nonceByteCount + LNDBackupCrypto.tagByteCount else {
            throw RecoveryError.invalidBackup("it is only \(blob.count) bytes; an lnd backup has at least 40 (nonce and tag)")
        }
        let candidates = candidateNetworks(named: network, seed: seed)
        for candidate in candidates {
            let key = try seed.keyRing(for: candidate).staticChannelBackupKey()
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

    /// The named network first; then the other coin type, so a wrong `--network` gets a precise hint.
    private func candidateNetworks(named network: BitcoinNetwork?, seed: SeedMaterial) -> [BitcoinNetwork] {
        let first = network ?? seed.impliedNetwork ?? .mainnet
        let other: BitcoinNetwork = first.coinType == 0 ? .testnet : .mainnet
        return [first, other]
    }

    private func decode(_ plaintext: [UInt8], kind: BackupKind?) throws -> ChannelBackupFile {
        do {
            return try ChannelBackupFile(plaintext: plaintext, kind: kind)
        } catch {
            throw RecoveryError.invalidBackup(error.description)
        }
    }
}
