/// A server that did not start listening, and why.
public struct BackgroundServerStartFailure: Error, CustomStringConvertible, Sendable {
    /// The port asked for (0: any).
    public let port: Int
    public let reason: String
    /// Another socket holds the port (bind's EADDRINUSE).
    public let addressInUse: Bool

    public var description: String { "cannot listen on port \(port): \(reason)" }
}
