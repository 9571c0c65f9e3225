import LightningPeer
import Testing

/// A socket closed on one thread while another still uses it must never read or write through
/// a descriptor number the kernel has since given to a new connection.
@Suite struct TCPSocketTests {
    @Test func aClosedSocketNeverReadsTheNextConnectionsBytes() throws {
        let first = try TCPListener()
        let second = try TCPListener()
        defer { first.close(); second.close() }
        let old = try TCPSocket.connect(host: "127.0.0.1", port: first.port, deadline: .now + .seconds(5))
        let oldServerSide = try first.accept(deadline: .now + .seconds(5))
        defer { oldServerSide.close() }
        old.close()
        // The lowest free descriptor number goes to the next socket: with an early close(2) that
        // is the number `old` still holds.
        let fresh = try TCPSocket.connect(host: "127.0.0.1", port: second.port, deadline: .now + .seconds(5))
        defer { fresh.close() }
        let freshServerSide = try second.accept(deadline: .now + .seconds(5))
        defer { freshServerSide.close() }
        try freshServerSide.write([1, 2, 3], deadline: .now + .seconds(5))

        #expect(throws: PeerError.self) { _ = try old.read(exactly: 3, deadline: .now + .milliseconds(500), what: "a stale read") }
        #expect(throws: PeerError.self) { try old.write([9], deadline: .now + .seconds(1)) }
        #expect(try fresh.read(exactly: 3, deadline: .now + .seconds(5), what: "its own bytes") == [1, 2, 3])
    }

    @Test func aShutListenerRefusesConnections() throws {
        let listener = try TCPListener()
        listener.close()
        #expect(throws: PeerError.self) { _ = try TCPSocket.connect(host: "127.0.0.1", port: listener.port, deadline: .now + .seconds(5)) }
    }
}
