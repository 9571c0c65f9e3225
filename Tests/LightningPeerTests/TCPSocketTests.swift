@testable import LightningPeer
import Foundation
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

    /// Closed sockets that something still references must not keep their descriptors: a test
    /// process that kept ~1,400 of them crashed inside Foundation's Process.run.
    @Test func closingReleasesTheDescriptorAtOnceWhenNoCallRuns() throws {
        let listener = try TCPListener()
        defer { listener.close() }
        let client = try TCPSocket.connect(host: "127.0.0.1", port: listener.port, deadline: .now + .seconds(5))
        let server = try listener.accept(deadline: .now + .seconds(5))
        client.close()
        server.close()
        #expect(client.lifetime.isReleased && server.lifetime.isReleased)
    }

    /// A read in progress keeps the descriptor; it is released when that read returns.
    @Test func theLastCallOutReleasesTheDescriptor() throws {
        let listener = try TCPListener()
        defer { listener.close() }
        let client = try TCPSocket.connect(host: "127.0.0.1", port: listener.port, deadline: .now + .seconds(5))
        let server = try listener.accept(deadline: .now + .seconds(5))
        defer { server.close() }
        let finished = DispatchSemaphore(value: 0)
        let outcome = LockedBox<String>("")
        Thread.detachNewThread {
            do {
                _ = try client.read(exactly: 1, deadline: .now + .seconds(10), what: "a byte that never comes")
                outcome.set("read a byte")
            } catch {
                outcome.set("\(error)")
            }
            finished.signal()
        }
        Thread.sleep(forTimeInterval: 0.2)  // the reader is blocked in poll
        client.close()
        #expect(finished.wait(timeout: .now() + 5) == .success)
        #expect(outcome.get().contains("closed"))
        #expect(client.lifetime.isReleased)
    }

    @Test func aShutListenerRefusesConnections() throws {
        let listener = try TCPListener()
        listener.close()
        #expect(throws: PeerError.self) { _ = try TCPSocket.connect(host: "127.0.0.1", port: listener.port, deadline: .now + .seconds(5)) }
    }
}

/// A value shared with a thread.
final class LockedBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func set(_ new: Value) { lock.withLock { value = new } }
    func get() -> Value { lock.withLock { value } }
}
