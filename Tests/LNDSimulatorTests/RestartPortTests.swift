import Foundation
import Testing
@testable import LNDSimulator

/// A simulated restart re-binds the REST port it had. Another socket may hold that port for a
/// moment (it was an ephemeral port, shared with outgoing connections): the restart waits for it
/// instead of failing, and still gives up with the bind error if the port stays taken.
@Suite struct RestartPortTests {
    /// A listening socket on 127.0.0.1:`port`, as any other process could hold it.
    static func occupy(_ port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, bound == 0, listen(fd, 1) == 0 else {
            close(fd)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot occupy port \(port): errno \(errno)"])
        }
        return fd
    }

    @Test func restartWaitsForItsPortToBeFree() async throws {
        try await SimulatorHarness.with { harness in
            try await harness.initWallet()
            let port = try #require(await harness.simulator.restPort)
            await harness.simulator.stopREST()
            let holder = try Self.occupy(port)
            let release = Task {
                try await Task.sleep(for: .milliseconds(400))
                close(holder)
            }
            try await harness.simulator.startREST()
            try await release.value
            #expect(await harness.simulator.restPort == port, "the same port as before the restart")
            #expect(try await harness.ok("GET", "/v1/state", macaroon: [])["state"] == .string("LOCKED"))
        }
    }
}
