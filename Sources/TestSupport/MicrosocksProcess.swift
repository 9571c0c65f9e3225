/// A real SOCKS5 server (Debian package microsocks) on a free loopback port. With
/// `outgoingAddress` its connections to destinations come from that address, so a server that
/// accepts only that source (`TLSTerminator(allowFrom:)`) is reachable through the proxy only.
public final class MicrosocksProcess: @unchecked Sendable {
    public let port: Int
    private let process: ChildProcess

    public init(outgoingAddress: String? = nil) async throws {
        let port = LoopbackPort.unused()
        var arguments = ["-i", "127.0.0.1", "-p", String(port)]
        if let outgoingAddress { arguments += ["-b", outgoingAddress] }
        process = try ChildProcess(program: "microsocks", arguments)
        guard await LoopbackPort.waitUntilAccepting(port) else {
            throw ChildProcess.Failure(description: "microsocks did not start; install it with scripts/install-deps")
        }
        self.port = port
    }

    /// `127.0.0.1:<port>`, as socks_proxy / --vault-socks take it.
    public var address: String { "127.0.0.1:\(port)" }

    /// Stops the proxy now (it is stopped on release anyway).
    public func stop() {
        process.stop()
    }

    deinit {
        process.stop()
    }
}
