import LNDClient

/// The agent's least-privilege `uri:` list, as LNDClient defines it.
enum AgentMacaroon {
    static let uris: [String] = MacaroonPermission.agentURIs
}
