/// A broken server stream for fault drills (`lnd-sim fault`): the connection is cut in the middle
/// of a line, or a line that is not JSON is sent before the cut. Real lnd does not do the second,
/// but a proxy or a half-written buffer can, and the agent must survive both.
public enum StreamFault: String, Error, CaseIterable, Sendable, CustomStringConvertible {
    case cutMidLine = "cut-mid-line"
    case malformedJSON = "malformed-json"

    /// What is written before the connection is dropped.
    var bytesBeforeCut: [UInt8] {
        switch self {
        case .cutMidLine: Array(#"{"result":{"single_chan_backups":{"chan_backups":[{"chan_po"#.utf8)
        case .malformedJSON: Array("{\"result\":{\"multi_chan_backup\": not json at all}}\n".utf8)
        }
    }

    public var description: String { "injected stream fault \(rawValue)" }
}
