import ArgumentParser
import Foundation
import Recovery

/// Where snapshots come from, shared by list, fetch, verify and restore: the vault, one or more
/// folders (local copy, USB stick), or both; the newest across all of them wins, by one rule.
struct SnapshotOptions: ParsableArguments {
    @Option(help: "The vault's URL (default: the CASA_VAULT_URL environment variable, unless --from is given).")
    var vault: String?

    @Option(name: .customLong("from"), help: ArgumentHelp(
        "Also read snapshots from this folder: the agent's snapshot folder, its USB copy, or a copy of either. Repeat for several; combine with --vault.",
        valueName: "dir"))
    var from: [String] = []

    @OptionGroup var vaultTransport: VaultTransportOptions

    @Option(help: ArgumentHelp(
        "Read at most this many snapshots that open from each store, newest first (0: every version; older ones are counted, not downloaded).",
        valueName: "n"))
    var depth: Int = SnapshotListing.defaultDepth

    /// `--depth` for the loader: nil reads everything.
    var readDepth: Int? {
        get throws {
            guard depth >= 0 else { throw ValidationError("--depth \(depth): give 0 (every version) or a positive number") }
            return depth == 0 ? nil : depth
        }
    }

    var locations: [SnapshotLocation] {
        get throws {
            var locations = from.map(SnapshotLocation.folder)
            let url = vault ?? (from.isEmpty ? ProcessInfo.processInfo.environment["CASA_VAULT_URL"] : nil)
            if let url, !url.isEmpty {
                locations.insert(.vault(url: url, transport: vaultTransport.settings), at: 0)
            }
            guard !locations.isEmpty else {
                throw ValidationError("say where the backups are: --vault URL (or CASA_VAULT_URL), and/or --from DIR for a local or USB copy")
            }
            return locations
        }
    }

    var given: Bool { vault != nil || !from.isEmpty }
}
