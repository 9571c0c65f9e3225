import Foundation
import TestSupport

/// Tests/Servers/http_test_server.py on a loopback port, plain or with a fresh self-signed certificate.
final class TestHTTPServer: @unchecked Sendable {
    let process: ChildProcess
    let port: Int
    let certificate: SelfSignedCertificate?
    private let directory: TemporaryDirectory

    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Servers/http_test_server.py").path

    init(tls: Bool, subjectAltNames: String = "DNS:localhost,IP:127.0.0.1") throws {
        directory = try TemporaryDirectory()
        certificate = tls ? try SelfSignedCertificate(in: directory.path, subjectAltNames: subjectAltNames) : nil
        var arguments = [Self.script]
        if let certificate { arguments += ["--cert", certificate.certificatePath, "--key", certificate.keyPath] }
        process = try ChildProcess(program: "python3", arguments)
        guard let port = Int(try process.waitForLine(prefix: "PORT ")) else {
            throw ChildProcess.Failure(description: "the test server printed no port")
        }
        self.port = port
    }

    /// A second, unrelated certificate (for pin mismatch tests).
    func otherCertificate() throws -> SelfSignedCertificate {
        try SelfSignedCertificate(in: directory.path, name: "other")
    }

    func url(_ path: String) -> String {
        "\(certificate == nil ? "http" : "https")://127.0.0.1:\(port)\(path)"
    }

    deinit {
        process.stop()
    }
}
