import ArgumentParser
import Recovery
import SeedKit
import LightningTypes

/// What list, fetch and verify share: where the snapshots are, the network, and the seed.
struct SnapshotQuery: ParsableArguments {
    @OptionGroup var snapshots: SnapshotOptions

    @Option(help: "The node's network. Without it, mainnet keys are tried first, then the test networks'.")
    var network: BitcoinNetwork?

    @OptionGroup var seed: SeedOptions

    /// Reads the secrets, finds the account and opens every snapshot.
    func load() async throws -> SnapshotListing {
        let locations = try snapshots.locations
        return try await SnapshotLoader.load(seed: try seed.loader.load(), network: network, locations: locations, depth: try snapshots.readDepth)
    }
}
