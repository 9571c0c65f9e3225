import BackupCore
import SeedKit

/// From the words to the list of opened snapshots: owner key → account → (vault blob or
/// folder) → every snapshot opened (docs/design.md §3.2).
public enum SnapshotLoader {
    /// `timings` (optional) gets the laps "key derivation", "vault fetch" (or "folder read") and "decrypt".
    public static func load(seed: SeedMaterial, network: BitcoinNetwork?, location: SnapshotLocation,
                            timings: PhaseTimings? = nil) async throws -> SnapshotListing {
        let owner = try seed.ownerKey()
        let candidates = try RecoveryKeys.candidates(seed: seed, network: network)
        timings?.lap(PhaseName.keyDerivation)
        switch location {
        case .vault(let connect):
            let vault = try connect(owner)
            let found = try await VaultSnapshotFinder.find(store: vault.blobs, account: owner.accountID, candidates: candidates)
            timings?.lap(PhaseName.fetch(found.source))
            let opener = SnapshotOpener(seed: seed, account: owner.accountID, candidates: found.keys, network: network)
            return try await SnapshotListing.load(from: found.source, opener: opener, timings: timings)
        case .folder(let path):
            let opener = SnapshotOpener(seed: seed, account: owner.accountID, candidates: candidates, network: network)
            let listing = try await SnapshotListing.load(from: FolderSnapshotSource(path: path), opener: opener, timings: timings)
            guard !listing.entries.isEmpty else { throw RecoveryError.noSnapshots(source: "folder \(path)") }
            if listing.usable.isEmpty, listing.entries.allSatisfy(\.notThisSeed) {
                throw RecoveryError.notThisSeed(triedNetworks: candidates.map(\.network.rawValue))
            }
            return listing
        }
    }
}
