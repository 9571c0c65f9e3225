public import ServiceLifecycle

/// One of the agent's services (watcher, uploader, heartbeat, retention, health) in the
/// ServiceGroup. Its body is cancelled on graceful shutdown (SIGTERM); a write in flight is
/// synchronous inside the pipeline, so it completes before the body returns.
public struct NamedService: Service, CustomStringConvertible {
    public let name: String
    let body: @Sendable () async -> Void

    public init(_ name: String, _ body: @escaping @Sendable () async -> Void) {
        self.name = name
        self.body = body
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await body() }
    }

    public var description: String { name }
}
