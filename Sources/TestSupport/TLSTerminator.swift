import Foundation

/// Tests/Servers/tls_terminator.py: TLS with a fresh self-signed certificate in front of a plain
/// http server on loopback, as Caddy or nginx sit in front of casa-vault in production.
public final class TLSTerminator: @unchecked Sendable {
    public let certificate: SelfSignedCertificate
    public let port: Int
    private let process: ChildProcess
    private let directory: TemporaryDirectory

    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/Servers/tls_terminator.py").path

    /// `allowFrom`: accept connections from this source address only (see `MicrosocksProcess`).
    public init(upstreamPort: Int, allowFrom: String? = nil) throws {
        directory = try TemporaryDirectory()
        certificate = try SelfSignedCertificate(in: directory.path, name: "vault")
        var arguments = [Self.script, "--cert", certificate.certificatePath, "--key", certificate.keyPath,
                         "--upstream", "127.0.0.1:\(upstreamPort)"]
        if let allowFrom { arguments += ["--allow-from", allowFrom] }
        process = try ChildProcess(program: "python3", arguments)
        guard let port = Int(try process.waitForLine(prefix: "PORT ")) else {
            throw ChildProcess.Failure(description: "tls_terminator.py printed no port")
        }
        self.port = port
    }

    /// `https://host:port`; the certificate names localhost and 127.0.0.1.
    public func url(host: String = "127.0.0.1") -> String { "https://\(host):\(port)" }

    /// An unrelated certificate (a wrong pin, a wrong CA file).
    public func otherCertificate() throws -> SelfSignedCertificate {
        try SelfSignedCertificate(in: directory.path, name: "other")
    }

    deinit {
        process.stop()
    }
}
