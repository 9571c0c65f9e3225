import LightningWire
import Sodium
import Testing
import TestSupport
import Codecs

/// BOLT 8's message vectors: "hello" sent 1001 times, checking outputs 0, 1, 500, 501,
/// 1000 and 1001 (two key rotations), and the receiving side decrypting all of them.
@Suite struct TransportVectorTests {
    @Test func messageVectorsAcrossTwoRotations() throws {
        let vectors = try VectorFile.all(in: "bolt8", prefix: "transport-message-")
        #expect(vectors.count == 6)
        var expected: [Int: [UInt8]] = [:]
        for v in vectors { expected[Int(try v.field("index"))!] = try v.hexField("output") }
        let first = vectors[0]
        let ck = try first.secret("ck"), sk = try first.secret("sk")
        let message = try first.hexField("message")

        var encoder = FrameEncoder(cipher: CipherState(key: sk, chainingKey: ck))
        var decoder = FrameDecoder(cipher: CipherState(key: sk, chainingKey: ck))
        var matched = 0
        for i in 0...1001 {
            let frame = try encoder.encode(message)
            if let want = expected[i] {
                #expect(frame == want, "output \(i)")
                matched += 1
            }
            let bodyCount = try decoder.bodyByteCount(forHeader: Array(frame.prefix(18)))
            #expect(bodyCount == message.count + 16)
            #expect(try decoder.message(fromBody: Array(frame.dropFirst(18))) == message)
        }
        #expect(matched == 6)
    }

    /// HKDF step from the handshake vector's comments (Act One).
    @Test func hkdfMatchesHandshakeComment() throws {
        let (ck, k) = try NoiseHKDF.derive(
            salt: SecureBytes(copying: Hex.decode("2640f52eebcd9e882958951c794250eedb28002c05d7dc2ea0f195406042caf1")!),
            inputKeyMaterial: SecureBytes(copying: Hex.decode("1e2fb3c8fe8fb9f262f649f64d26ecf0f2c0a805a767cf02dc2d77a6ef1fdcc3")!))
        #expect(Hex.encode(ck.unsafeCopy()) == "b61ec1191326fa240decc9564369dbb3ae2b34341d1e11ad64ed89f89180582f")
        #expect(Hex.encode(k.unsafeCopy()) == "e68f69b7f096d7917245f5e5cf8ae1595febe4d4644333c99f9c4a1282031c9f")
    }

    @Test func nonceLayout() {
        #expect(Hex.encode(CipherState.nonceBytes(1)) == "000000000100000000000000")
        #expect(Hex.encode(CipherState.nonceBytes(2)) == "000000000200000000000000")
    }

    @Test func rotationResetsNonceEvery1000Operations() throws {
        var c = try CipherState(key: SecureBytes.random(count: 32), chainingKey: SecureBytes.random(count: 32))
        for _ in 0..<999 { _ = try c.encrypt([]) }
        #expect(c.nonce == 999)
        _ = try c.encrypt([])
        #expect(c.nonce == 0)
    }

    @Test func oversizedMessageIsRejected() throws {
        var encoder = try FrameEncoder(cipher: CipherState(key: SecureBytes.random(count: 32), chainingKey: SecureBytes.random(count: 32)))
        #expect(throws: FrameError.messageTooLarge(65536)) { _ = try encoder.encode([UInt8](repeating: 0, count: 65536)) }
        #expect(try encoder.encode([UInt8](repeating: 0, count: 65535)).count == 65569)
    }
}
