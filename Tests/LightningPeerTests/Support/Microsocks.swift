import Foundation
import LightningPeer

/// A real SOCKS5 server (Debian package microsocks) on a free loopback port.
enum Microsocks {
    static func start() throws -> (ExternalProcess, PeerAddress) {
        // Find a free port, release it, and hand it to microsocks (bounded retries on a race).
        for _ in 0..<5 {
            // The probe's descriptor (and so the port) is freed when it goes out of scope.
            let port = try { let probe = try TCPListener(host: "127.0.0.1", port: 0); probe.close(); return probe.port }()
            let process = try ExternalProcess("microsocks", ["-i", "127.0.0.1", "-p", String(port)])
            let address = PeerAddress(host: "127.0.0.1", port: port)
            for _ in 0..<200 {
                if let s = try? TCPSocket.connect(host: "127.0.0.1", port: port, deadline: .now + .seconds(1)) {
                    s.close()
                    return (process, address)
                }
                Thread.sleep(forTimeInterval: 0.02)
            }
            process.terminate()
        }
        throw ProcessFailure("microsocks did not start; install it with scripts/install-deps (apt-get install microsocks)")
    }
}
