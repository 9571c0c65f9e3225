import Hummingbird
import NIOCore

/// Request context that also knows the client's address (for per-address rate limits).
public struct VaultRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address, or "unknown" (e.g. a Unix socket behind a proxy).
    public let clientAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Bodies are collected by the handlers with their own route-specific limits.
    public var maxUploadSize: Int { 256 * 1024 * 1024 }
}
