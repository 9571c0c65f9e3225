import ArgumentParser
import Foundation
import Recovery

/// Where snapshots come from, shared by list, fetch, verify and restore.
struct SnapshotOptions: ParsableArguments {
    @Option(help: "The vault's URL (default: the CASA_VAULT_URL environment variable).")
    var vault: String?

    @Option(name: .customLong("from"), help: ArgumentHelp(
        "Read snapshots from this folder instead of the vault: the agent's snapshot folder, its USB copy, or a copy of either.",
        valueName: "dir"))
    var from: String?

    func validate() throws {
        if vault != nil && from != nil { throw ValidationError("give either --vault or --from, not both") }
    }

    var location: SnapshotLocation {
        get throws {
            if let from { return .folder(from) }
            guard let url = vault ?? ProcessInfo.processInfo.environment["CASA_VAULT_URL"], !url.isEmpty else {
                throw ValidationError("say where the backups are: --vault URL (or CASA_VAULT_URL), or --from DIR for a local or USB copy")
            }
            return .vault { owner in try VaultConnector.connect(url: url, owner: owner) }
        }
    }
}
