import BackupCore
import SeedKit

/// From the words to the list of opened snapshots: owner key → account → (vault blob and/or
/// folders) → every snapshot opened, and the newest chosen across all of them (docs/design.md §3.2).
public enum SnapshotLoader {
    /// `timings` (optional) gets the laps "key derivation", "vault fetch" (or "folder read") and "decrypt".
    public static func load(seed: SeedMaterial, network: BitcoinNetwork?, locations: [SnapshotLocation],
                            timings: PhaseTimings? = nil) async throws -> SnapshotListing {
        let owner = try seed.ownerKey()
        var candidates = try RecoveryKeys.candidates(seed: seed, network: network)
        timings?.lap(PhaseName.keyDerivation)
        var sources: [any SnapshotSource] = []
        for location in locations {
            switch location {
            case .vault(let connect):
                let vault = try connect(owner)
                let found = try await VaultSnapshotFinder.find(store: vault.blobs, account: owner.accountID, candidates: candidates)
                timings?.lap(PhaseName.fetch(found.source))
                candidates = found.keys
                sources.append(found.source)
            case .folder(let path):
                sources.append(FolderSnapshotSource(path: path))
            }
        }
        let opener = SnapshotOpener(seed: seed, account: owner.accountID, candidates: candidates, network: network)
        let listing = try await SnapshotListing.load(from: sources, opener: opener, timings: timings)
        guard !listing.entries.isEmpty else { throw RecoveryError.noSnapshots(source: listing.source) }
        if listing.usable.isEmpty, listing.entries.allSatisfy(\.notThisSeed) {
            throw RecoveryError.notThisSeed(triedNetworks: candidates.map(\.network.rawValue))
        }
        return listing
    }

    /// One location (kept for callers that read a single source).
    public static func load(seed: SeedMaterial, network: BitcoinNetwork?, location: SnapshotLocation,
                            timings: PhaseTimings? = nil) async throws -> SnapshotListing {
        try await load(seed: seed, network: network, locations: [location], timings: timings)
    }
}
