import LNDClient

/// The agent's least-privilege `uri:` list, as LNDClient defines it (kept in a file that imports
/// only LNDClient, whose type names clash with the simulator's).
enum AgentMacaroon {
    static let uris: [String] = MacaroonPermission.agentURIs
}
