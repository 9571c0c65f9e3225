import BackupCore
import Foundation
import SeedKit
import Sodium
import LightningTypes
import BlobStorage

/// Opens our envelope (account and blob binding, authenticity, counter, writer) and then lnd's
/// Multi inside it, both with keys rebuilt from the words (docs/design.md §3.2 steps 4–5).
/// Which snapshot is newest is decided over all of them afterwards (`SnapshotHistory`).
public struct SnapshotOpener: Sendable {
    public let account: AccountID
    public let candidates: [RecoveryKeys]
    /// The network the user named, if any (refines the inspector's search).
    public let network: BitcoinNetwork?

    public init(account: AccountID, candidates: [RecoveryKeys], network: BitcoinNetwork?) {
        self.account = account
        self.candidates = candidates
        self.network = network
    }

    public func open(_ envelope: [UInt8], reference: SnapshotReference) throws -> OpenedSnapshot {
        for keys in candidates {
            let opened: OpenedEnvelope
            do {
                opened = try Envelope.open(envelope, account: account, blob: keys.blob, key: keys.backup.envelope)
            } catch EnvelopeError.wrongKey {
                continue
            } catch let error as EnvelopeError {
                throw RecoveryError.damagedSnapshot(label: reference.label, reason: error.description)
            }
            guard opened.payload.kind == .lndMultiChannelBackup else {
                throw RecoveryError.damagedSnapshot(label: reference.label, reason: "it holds \(opened.payload.kind), not lnd's channel.backup")
            }
            let inspection = try BackupInspector().inspect(blob: opened.payload.bytes, kind: .multi, keys: keys, network: network)
            return OpenedSnapshot(reference: reference, counter: opened.counter, lineage: opened.payload.lineage,
                                  identity: SHA256.hash(envelope),
                                  createdAt: Date(timeIntervalSince1970: Double(opened.payload.createdAt)),
                                  lndBackup: opened.payload.bytes, inspection: inspection, keys: keys)
        }
        throw RecoveryError.notThisSeed(triedNetworks: candidates.map(\.network.rawValue))
    }
}
