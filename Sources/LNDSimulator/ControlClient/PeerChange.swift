/// What `lnd-sim peer` changes about a simulated peer.
public enum PeerChange: Sendable {
    case offline, online, silent, responsive
    case move(host: String)

    /// The `/peers/update` fields besides the peer.
    var fields: [(String, JSONValue)] {
        switch self {
        case .offline: [("online", .bool(false))]
        case .online: [("online", .bool(true))]
        case .silent: [("silent", .bool(true))]
        case .responsive: [("silent", .bool(false))]
        case .move(let host): [("host", .string(host))]
        }
    }
}
