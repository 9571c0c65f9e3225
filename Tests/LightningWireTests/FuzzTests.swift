import LightningWire
import Secp256k1
import Sodium
import Testing
import Codecs
import LightningTypes
import TestSupport

/// Bounded randomized ("fuzz-style") tests: malformed lengths, truncated frames, bad MACs.
/// Each must end in a typed error (never a crash), and a failed frame decoder stays closed.
@Suite struct FuzzTests {
    static let seeds: [UInt64] = [1, 2, 3]

    static func validMessages() throws -> [[UInt8]] {
        let id = try ChannelID(bytes: [UInt8](repeating: 0x42, count: 32))
        return [
            WireMessage.initMessage(InitMessage(features: .minimalPeer, networks: [[UInt8](repeating: 1, count: 32)])),
            .ping(Ping(pongByteCount: 3, ignored: [1, 2])),
            .pong(Pong(ignored: [0, 0])),
            .error(ErrorMessage(channelID: id, text: "boom")),
            .warning(ErrorMessage(channelID: id, text: "careful")),
            .channelReestablish(.dataLossTrigger(channelID: id, withDataLossFields: true)),
            .channelReestablish(.dataLossTrigger(channelID: id)),
        ].map { $0.encoded() }
    }

    @Test(arguments: seeds)
    func randomBytesNeverCrashTheDecoder(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let types: [UInt16] = [1, 16, 17, 18, 19, 136]
        for _ in 0..<3000 {
            let type = types.randomElement(using: &rng)!
            let payload = rng.bytes(Int.random(in: 0..<160, using: &rng))
            Self.decodeExpectingOnlyWireErrors([UInt8(type >> 8), UInt8(type & 0xff)] + payload)
        }
    }

    @Test(arguments: seeds)
    func mutatedValidMessagesNeverCrash(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        for message in try Self.validMessages() {
            for cut in 0..<message.count { Self.decodeExpectingOnlyWireErrors(Array(message.prefix(cut))) }
            for _ in 0..<300 {
                var m = message
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    let i = Int.random(in: 0..<m.count, using: &rng)
                    m[i] = UInt8.random(in: 0...255, using: &rng)
                }
                if Bool.random(using: &rng) { m += rng.bytes(Int.random(in: 1...8, using: &rng)) }
                Self.decodeExpectingOnlyWireErrors(m)
            }
        }
    }

    static func decodeExpectingOnlyWireErrors(_ bytes: [UInt8]) {
        do {
            let decoded = try WireMessage(decoding: bytes)
            // Whatever decodes must re-encode to a message that decodes to the same value.
            #expect(try WireMessage(decoding: decoded.encoded()) == decoded)
        } catch is WireError {
        } catch {
            Issue.record("unexpected error type \(type(of: error)) for \(Hex.encode(bytes))")
        }
    }

    static func pair() throws -> (FrameEncoder, FrameDecoder) {
        let key = try SecureBytes.random(count: 32), ck = try SecureBytes.random(count: 32)
        return (FrameEncoder(cipher: CipherState(key: key, chainingKey: ck)), FrameDecoder(cipher: CipherState(key: key, chainingKey: ck)))
    }

    @Test(arguments: seeds)
    func framesSplitAnywhereReassemble(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        var (encoder, decoder) = try Self.pair()
        let messages = (0..<40).map { _ in rng.bytes(Int.random(in: 2..<300, using: &rng)) }
        var stream = try messages.flatMap { try encoder.encode($0) }
        var received: [[UInt8]] = []
        while !stream.isEmpty {
            let n = min(stream.count, Int.random(in: 1...64, using: &rng))
            try decoder.append(Array(stream.prefix(n)))
            stream.removeFirst(n)
            while let m = try decoder.nextMessage() { received.append(m) }
        }
        #expect(received == messages)
        #expect(decoder.isAtMessageBoundary)
    }

    @Test(arguments: seeds)
    func corruptedFramesFailAndStayClosed(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<200 {
            var (encoder, decoder) = try Self.pair()
            var frame = try encoder.encode(rng.bytes(Int.random(in: 2..<100, using: &rng)))
            let i = Int.random(in: 0..<frame.count, using: &rng)
            frame[i] ^= UInt8.random(in: 1...255, using: &rng)
            do {
                try decoder.append(frame)
                let m = try decoder.nextMessage()
                // A flipped bit in the length header can only pass if it fails later; a whole
                // message must never come out of a corrupted frame.
                #expect(m == nil, "a corrupted frame decoded")
            } catch let error as FrameError {
                #expect(error == (i < 18 ? .badHeaderTag : .badBodyTag))
                #expect(throws: FrameError.closedAfterError) { try decoder.append([0]) }
                #expect(throws: FrameError.closedAfterError) { _ = try decoder.nextMessage() }
            }
        }
    }

    @Test func exactReadsRejectWrongSizes() throws {
        var (encoder, decoder) = try Self.pair()
        let frame = try encoder.encode([0, 19, 0, 0])
        #expect(throws: FrameError.wrongLength(part: "header", expected: 18, got: 17)) {
            _ = try decoder.bodyByteCount(forHeader: Array(frame.prefix(17)))
        }
        #expect(throws: FrameError.closedAfterError) { _ = try decoder.bodyByteCount(forHeader: Array(frame.prefix(18))) }

        var (encoder2, decoder2) = try Self.pair()
        let frame2 = try encoder2.encode([0, 19, 0, 0])
        #expect(try decoder2.bodyByteCount(forHeader: Array(frame2.prefix(18))) == 20)
        #expect(throws: FrameError.wrongLength(part: "body", expected: 20, got: 19)) {
            _ = try decoder2.message(fromBody: Array(frame2.dropFirst(18).prefix(19)))
        }
        var (_, decoder3) = try Self.pair()
        #expect(throws: FrameError.self) { _ = try decoder3.message(fromBody: [1, 2, 3]) }
    }

    @Test func truncatedStreamWaitsForMoreBytes() throws {
        var (encoder, decoder) = try Self.pair()
        let frame = try encoder.encode([0, 18, 0, 1, 0, 0])
        try decoder.append(Array(frame.dropLast()))
        #expect(try decoder.nextMessage() == nil)
        #expect(!decoder.isAtMessageBoundary)
        try decoder.append([frame.last!])
        #expect(try decoder.nextMessage() == [0, 18, 0, 1, 0, 0])
    }

    @Test(arguments: seeds)
    func randomHandshakeActsFailCleanly(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let key = try PrivateKey.generate()
        for _ in 0..<100 {
            var responder = try NoiseResponder(localStatic: key)
            let actOne = rng.bytes([49, 50, 51].randomElement(using: &rng)!)
            #expect(throws: HandshakeError.self) { _ = try responder.makeActTwo(readingActOne: actOne) }

            var initiator = try NoiseInitiator(localStatic: key, remoteStatic: PrivateKey.generate().publicKey)
            _ = try initiator.makeActOne()
            var actTwo = rng.bytes(50)
            actTwo[0] = 0
            actTwo[1] = 2
            #expect(throws: HandshakeError.self) { _ = try initiator.makeActThree(readingActTwo: actTwo) }
        }
    }
}
