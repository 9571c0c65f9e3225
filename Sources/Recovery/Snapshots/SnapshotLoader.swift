import BackupCore
import SeedKit
import LightningTypes

/// From the words to the list of opened snapshots: owner key → account → (vault blob and/or
/// folders) → every snapshot opened, and the newest chosen across all of them (docs/design.md §3.2).
public enum SnapshotLoader {
    /// `timings` (optional) gets the laps "key derivation", "vault fetch" (or "folder read") and "decrypt".
    public static func load(seed: SeedMaterial, network: BitcoinNetwork?, locations: [SnapshotLocation],
                            timings: PhaseTimings? = nil, depth: Int? = SnapshotListing.defaultDepth) async throws -> SnapshotListing {
        let owner = try seed.ownerKey()
        var candidates = try RecoveryKeys.candidates(seed: seed, network: network)
        timings?.lap(PhaseName.keyDerivation)
        var sources: [any SnapshotSource] = []
        var unread: [String] = []
        for location in locations {
            switch location {
            case .vault(let connect):
                do {
                    let vault = try connect(owner)
                    let found = try await VaultSnapshotFinder.find(store: vault.blobs, account: owner.accountID, candidates: candidates)
                    timings?.lap(PhaseName.fetch(found.source))
                    candidates = found.keys
                    sources.append(found.source)
                } catch let error as RecoveryError where locations.count > 1 {
                    // With folders given too, a vault that is down or empty does not stop the restore.
                    unread.append("the vault could not be read, only the folders were: \(error)")
                }
            case .folder(let path):
                sources.append(FolderSnapshotSource(path: path))
            }
        }
        let opener = SnapshotOpener(account: owner.accountID, candidates: candidates, network: network)
        var listing = try await SnapshotListing.load(from: sources, opener: opener, timings: timings, depth: depth)
        listing.warnings = unread + listing.warnings
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
