import Logging

/// swift-log's `StreamLogHandler` (same output, same stream), except that metadata is only
/// formatted when a message is actually logged. `StreamLogHandler` formats it on every change,
/// and Hummingbird sets a request id on every request's logger: 2% of the vault's CPU per
/// upload went into formatting metadata that a server logging at `error` never prints.
public struct LazyMetadataLogHandler: LogHandler {
    private var stream: StreamLogHandler
    public var metadata: Logger.Metadata = [:]

    public init(label: String) {
        stream = StreamLogHandler.standardError(label: label)
    }

    public var logLevel: Logger.Level {
        get { stream.logLevel }
        set { stream.logLevel = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { stream.metadataProvider }
        set { stream.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var handler = stream
        handler.metadata = metadata
        handler.log(event: event)
    }

    /// Makes every logger of this process use it (call once, first thing in `main`).
    public static func bootstrap() {
        LoggingSystem.bootstrap { label in LazyMetadataLogHandler(label: label) }
    }
}
