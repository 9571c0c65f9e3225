import Foundation
import LightningPeer
import LightningPeerTesting
import LightningWire
import Secp256k1
import Sodium
import Testing
import TestSupport

/// Malformed traffic over real loopback sockets against our responder: each case ends in a
/// typed error, and the connection is closed (the next read sees the socket closed).
@Suite struct ConnectionFuzzTests {
    /// A raw client that completes the handshake by hand, so it can then send anything.
    static func rawClient(to listener: PeerListener) throws -> (TCPSocket, FrameEncoder) {
        let socket = try TCPSocket.connect(host: "127.0.0.1", port: listener.address.port, deadline: .now + .seconds(5))
        var hs = try NoiseInitiator(localStatic: PrivateKey.generate(), remoteStatic: listener.nodeID)
        try socket.write(hs.makeActOne(), deadline: .now + .seconds(5))
        let actTwo = try socket.read(exactly: 50, deadline: .now + .seconds(5), what: "act two")
        let (actThree, keys) = try hs.makeActThree(readingActTwo: actTwo)
        try socket.write(actThree, deadline: .now + .seconds(5))
        return (socket, keys.transport(asInitiator: true).encoder)
    }

    /// Sends `bytes` after a good handshake; returns what our side's receive threw.
    static func serverError(after bytes: (inout FrameEncoder) throws -> [UInt8], closeAfter: Bool = true) throws -> (any Error)? {
        let listener = try PeerListener(nodeKey: PrivateKey.generate())
        defer { listener.close() }
        let result = ResultBox()
        let server = Thread {
            do {
                let c = try listener.accept(timeout: .seconds(10))
                do { _ = try c.receive(deadline: .now + .seconds(10)) } catch {
                    result.set(error, closed: c.socket.isClosed)
                }
            } catch {
                result.set(error, closed: true)
            }
        }
        server.start()
        var (socket, encoder) = try rawClient(to: listener)
        try socket.write(bytes(&encoder), deadline: .now + .seconds(5))
        if closeAfter { socket.close() }
        let outcome = try result.wait()
        #expect(outcome.closed, "our side must close the connection after \(String(describing: outcome.error))")
        socket.close()
        return outcome.error
    }

    @Test func badHeaderMACClosesTheConnection() throws {
        let error = try Self.serverError(after: { enc in var f = try enc.encode([0, 18, 0, 0, 0, 0]); f[3] ^= 1; return f }, closeAfter: false)
        #expect(error as? PeerError == .frame(.badHeaderTag))
    }

    @Test func badBodyMACClosesTheConnection() throws {
        let error = try Self.serverError(after: { enc in var f = try enc.encode([0, 18, 0, 0, 0, 0]); f[f.count - 1] ^= 1; return f }, closeAfter: false)
        #expect(error as? PeerError == .frame(.badBodyTag))
    }

    @Test func truncatedFrameThenHangUp() throws {
        let error = try Self.serverError(after: { enc in Array(try enc.encode([0, 18, 0, 0, 0, 0]).dropLast(3)) })
        #expect(error as? PeerError == .closedByPeer(during: "a message body"))
    }

    @Test func malformedMessageInsideAGoodFrame() throws {
        let error = try Self.serverError(after: { enc in try enc.encode([0, 17, 1, 2]) }, closeAfter: false)
        guard case .wire = error as? PeerError else { Issue.record("got \(String(describing: error))"); return }
    }

    @Test func unknownEvenMessageType() throws {
        let error = try Self.serverError(after: { enc in try enc.encode([0x80, 0x00, 1]) }, closeAfter: false)
        guard case .protocolViolation = error as? PeerError else { Issue.record("got \(String(describing: error))"); return }
    }

    /// Random garbage instead of act one, in a bounded loop: always a typed error, never a crash.
    @Test(arguments: [UInt64(7), 8])
    func randomActOneIsRejected(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let listener = try PeerListener(nodeKey: PrivateKey.generate(), timeouts: PeerTimeouts(handshake: .seconds(5)))
        defer { listener.close() }
        for _ in 0..<20 {
            let garbage = rng.bytes(Int.random(in: 0...60, using: &rng))
            let client = Thread {
                guard let s = try? TCPSocket.connect(host: "127.0.0.1", port: listener.address.port, deadline: .now + .seconds(5)) else { return }
                try? s.write(garbage, deadline: .now + .seconds(5))
                s.close()
            }
            client.start()
            #expect(throws: PeerError.self) { _ = try listener.accept(timeout: .seconds(10)) }
        }
    }
}

/// One result handed from the server thread to the test, with a bounded wait.
final class ResultBox: @unchecked Sendable {
    private let lock = NSCondition()
    private var value: (error: (any Error)?, closed: Bool)?

    func set(_ error: any Error, closed: Bool) {
        lock.lock()
        value = (error, closed)
        lock.broadcast()
        lock.unlock()
    }

    func wait(timeout: TimeInterval = 20) throws -> (error: (any Error)?, closed: Bool) {
        lock.lock()
        defer { lock.unlock() }
        let until = Date(timeIntervalSinceNow: timeout)
        while value == nil { if !lock.wait(until: until) { break } }
        guard let value else { throw ConformanceFailure("the server side never finished") }
        return value
    }
}
