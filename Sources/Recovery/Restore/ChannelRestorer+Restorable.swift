import BackupCore
import Secp256k1
import SeedKit
import LightningTypes

/// D1: real lnd re-exports a restored channel's Single with a legacy-format shachain root (the
/// public key of a hash, chanbackup/single.go:244-266) that it cannot derive again
/// (chanrestore.go:103-110). Snapshots taken after a restore therefore hold Singles lnd refuses
/// while those channels close. For each such channel restore takes the newest restorable Single
/// of the same channel from the older snapshots; when there is none it still hands lnd the one
/// it has (a genuine legacy root may lie beyond the keys scanned here) and lnd decides.
extension ChannelRestorer {
    /// Family-5 keys scanned to recognise a genuine legacy root (lnd scans up to 100,000).
    static let legacyRootScan: UInt32 = 500

    /// The channel's Single replaced by an older restorable one, and where that one came from.
    public struct Substitution: Sendable, Equatable {
        public let channelPoint: String
        public let source: String
    }

    /// `snapshot` with each Single lnd cannot restore replaced by the newest restorable Single of
    /// the same channel in `history` (older snapshots only).
    static func withRestorableSingles(_ snapshot: OpenedSnapshot, history: [OpenedSnapshot]) -> (OpenedSnapshot, [Substitution]) {
        let suspicious = snapshot.inspection.channels.indices.filter { snapshot.inspection.channels[$0].shachainRoot.legacyPublicKey != nil }
        guard !suspicious.isEmpty else { return (snapshot, []) }
        let ownRoots = Set((0..<legacyRootScan).compactMap { index in
            try? snapshot.keys.keyRing.publicKey(for: KeyLocator(.revocationRoot, index: index)).compressed
        })
        func restorable(_ single: SingleBackup) -> Bool {
            guard let legacy = single.shachainRoot.legacyPublicKey else { return true }
            return ownRoots.contains(legacy.bytes)
        }
        let older = history.filter { $0.createdAt < snapshot.createdAt }.sorted { $0.createdAt > $1.createdAt }
        var fixed = snapshot
        var substitutions: [Substitution] = []
        for index in suspicious where !restorable(snapshot.inspection.channels[index]) {
            let point = snapshot.inspection.channels[index].fundingOutpoint
            for candidate in older {
                guard let single = candidate.inspection.channels.first(where: { $0.fundingOutpoint == point }), restorable(single) else { continue }
                fixed.inspection.channels[index] = single
                substitutions.append(Substitution(channelPoint: point.description, source: SnapshotSummary(candidate).source))
                break
            }
        }
        return (fixed, substitutions)
    }
}
