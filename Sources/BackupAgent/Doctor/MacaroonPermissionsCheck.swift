import Foundation
import LNDClient
import LightningTypes

/// The macaroon the agent would send has exactly the permissions of docs/lnd-client.md "The
/// least-privilege macaroon" (`MacaroonPermission.agentURIs`): one that can move funds fails
/// (a warning with `allow_admin_macaroon`), extra permissions warn, missing ones fail.
public struct MacaroonPermissionsCheck: DoctorCheck {
    public let name = "macaroon"
    let configuration: AgentConfiguration

    public init(configuration: AgentConfiguration) {
        self.configuration = configuration
    }

    /// lnd's entity-level permission that also grants each agent URI (lnd rpcserver.go's
    /// permission table): an entity-level macaroon such as admin.macaroon covers them that way.
    static let entityGranting: [String: MacaroonPermission] = [
        "/lnrpc.Lightning/GetInfo": MacaroonPermission(entity: "info", action: "read"),
        "/lnrpc.Lightning/ListChannels": MacaroonPermission(entity: "offchain", action: "read"),
        "/lnrpc.Lightning/PendingChannels": MacaroonPermission(entity: "offchain", action: "read"),
        "/lnrpc.Lightning/ExportAllChannelBackups": MacaroonPermission(entity: "offchain", action: "read"),
        "/lnrpc.Lightning/SubscribeChannelBackups": MacaroonPermission(entity: "offchain", action: "read"),
        "/lnrpc.Lightning/VerifyChanBackup": MacaroonPermission(entity: "offchain", action: "read"),
        "/signrpc.Signer/DeriveSharedKey": MacaroonPermission(entity: "signer", action: "generate"),
    ]

    func bakeHint(_ directory: String) -> String {
        "bake the least-privilege macaroon of docs/lnd-client.md (`lncli bakemacaroon` with the \(MacaroonPermission.agentURIs.count) uri: permissions) "
            + "and save it as \(directory)/\(LNDDiscovery.preferredMacaroonName), or name it with lnd_macaroon"
    }

    public func run() async -> DoctorResult {
        let discovery: LNDDiscovery
        do {
            // Which macaroon the agent would pick; accepted here whatever it can do, to judge it.
            var options = LNDDiscovery.Options(agent: configuration)
            options.allowAdminMacaroon = true
            discovery = try LNDDiscovery(options)
        } catch {
            return .fail(name, "cannot read the macaroon: \(error)", fix: configuration.lndMacaroonPath.map {
                "check lnd_macaroon (\($0)): the file must exist and be readable by the agent's user (chmod 0640, the agent in lnd's group)"
            } ?? "check lnddir: lnd.conf and the macaroon folder must be readable by the agent's user")
        }
        let network = BitcoinNetwork(rawValue: configuration.network) ?? .mainnet
        let folder = (LNDBackupFileLocation.path(lndDir: configuration.lnddir, network: network) as NSString).deletingLastPathComponent
        guard let macaroon = discovery.connection.macaroon, !discovery.macaroonPath.isEmpty else {
            return .fail(name, "no macaroon found (looked for \(LNDDiscovery.preferredMacaroonName) and admin.macaroon in \(folder)): the agent cannot back anything up",
                         fix: bakeHint(folder))
        }
        let path = discovery.macaroonPath
        if LNDDiscovery.canMoveFunds(macaroon, path: path) {
            if configuration.allowAdminMacaroon {
                return .warn(name, "\(path) can move funds (spend, close channels); accepted because allow_admin_macaroon = true",
                             fix: bakeHint(folder) + ", then remove allow_admin_macaroon")
            }
            return .fail(name, "\(path) can move funds (spend, close channels): the agent refuses it and backs nothing up",
                         fix: bakeHint(folder) + " (or set allow_admin_macaroon = true to accept the risk)")
        }
        guard let permissions = macaroon.permissions else {
            return .warn(name, "cannot read the permissions of \(path) (not an lnd v2 macaroon?)", fix: bakeHint(folder))
        }
        let granted = Set(permissions)
        let needed = MacaroonPermission.agentURIs
        let missing = needed.filter { uri in
            !granted.contains(MacaroonPermission(entity: "uri", action: uri)) && !(Self.entityGranting[uri].map(granted.contains) ?? false)
        }
        if !missing.isEmpty {
            return .fail(name, "\(path) lacks \(missing.joined(separator: ", ")): lnd refuses these calls to the agent",
                         fix: bakeHint(folder))
        }
        let extra = permissions.filter { !($0.entity == "uri" && needed.contains($0.action)) }
        if !extra.isEmpty {
            return .warn(name, "\(path) also allows \(extra.map(\.description).joined(separator: ", ")), which the agent does not need",
                         fix: bakeHint(folder))
        }
        return .ok(name, "\(path) grants exactly the \(needed.count) calls of the least-privilege macaroon")
    }
}
