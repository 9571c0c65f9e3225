import LNDClient
import LightningTypes

/// lnd answers GetState through the agent's own discovery (`LNDClientNode(configuration:)`:
/// lnddir, lnd.conf, lnd_rest_address, lnd_tls_cert, lnd_macaroon, allow_admin_macaroon), and its
/// wallet is unlocked.
public struct LNDReachableCheck: DoctorCheck {
    public let name = "lnd"
    let configuration: AgentConfiguration

    public init(configuration: AgentConfiguration) {
        self.configuration = configuration
    }

    public func run() async -> DoctorResult {
        let client: LNDClient
        do {
            client = try LNDClientNode(configuration: configuration).current()
        } catch {
            return .fail(name, "the agent cannot set up its connection to lnd: \(error)", fix: "set lnddir to lnd's folder (lnd.conf, tls.cert), "
                + "or lnd_rest_address and lnd_tls_cert when lnd runs elsewhere (another container); a refused macaroon: see the macaroon check")
        }
        let state: WalletState
        do {
            state = try await client.getState()
        } catch {
            let target = configuration.lndRESTAddress.map { "lnd_rest_address \($0)" } ?? "the REST address from \(configuration.lnddir)/lnd.conf (restlisten)"
            return .fail(name, "lnd does not answer GetState: \(error)", fix: "start lnd and check \(target); if the message says the certificate "
                + "changed, point lnd_tls_cert at lnd's current tls.cert")
        }
        switch state {
        case .serverActive, .rpcActive, .unlocked:
            return .ok(name, "lnd answers, wallet state \(state.name)")
        case .locked:
            return .warn(name, "lnd answers but its wallet is LOCKED: no channel can change, and nothing new is backed up until it is unlocked",
                         fix: "unlock lnd (`lncli unlock`), or set up sealed auto-unlock with `casa-backupd unlock setup`")
        case .nonExisting:
            return .fail(name, "lnd answers but has no wallet (NON_EXISTING): there is nothing to back up",
                         fix: "create the wallet (`lncli create`), or, after a disaster, restore it with `casa-recover restore` (recovery/)")
        case .waitingToStart:
            return .warn(name, "lnd is still starting (WAITING_TO_START)", fix: "wait for lnd to start, then run doctor again")
        case .unrecognized(let other):
            return .warn(name, "lnd answers with a wallet state casa does not know (\(other))", fix: "update casa")
        }
    }
}
