import Foundation

/// A server stream was cut because the simulated lnd went down (restart, lock, stop): the
/// REST layer drops the connection without a final chunk, as a dying lnd would.
public struct StreamCut: Error, CustomStringConvertible {
    public var description: String { "the simulated lnd went down" }
}

public typealias MessageStream = AsyncThrowingStream<JSONValue, any Error>

/// Open server streams of the node, by kind.
struct StreamRegistry {
    var state: [UUID: MessageStream.Continuation] = [:]
    var backups: [UUID: MessageStream.Continuation] = [:]
    var closes: [UUID: (channelPoint: String, continuation: MessageStream.Continuation)] = [:]

    mutating func cutAll() {
        for continuation in state.values { continuation.finish(throwing: StreamCut()) }
        for continuation in backups.values { continuation.finish(throwing: StreamCut()) }
        for entry in closes.values { entry.continuation.finish(throwing: StreamCut()) }
        state = [:]
        backups = [:]
        closes = [:]
    }
}
