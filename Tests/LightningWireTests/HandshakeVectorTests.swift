import LightningWire
import Secp256k1
import Sodium
import Testing
import TestSupport
import Codecs

/// Every BOLT 8 handshake vector (Appendix A): both successful handshakes and all failures.
@Suite struct HandshakeVectorTests {
    @Test func initiatorSuccessfulHandshake() throws {
        let v = try VectorFile.load("bolt8", "transport-initiator-successful-handshake.txt")
        let ls = try PrivateKey(secret: v.secret("ls.priv"))
        #expect(ls.publicKey.compressed == (try v.hexField("ls.pub")))
        var hs = try NoiseInitiator(localStatic: ls, remoteStatic: PublicKey(bytes: v.hexField("rs.pub")),
                                    ephemeral: PrivateKey(secret: v.secret("e.priv")))
        #expect(try hs.makeActOne() == v.hexField("act1.output"))
        let (actThree, keys) = try hs.makeActThree(readingActTwo: v.hexField("act2.input"))
        #expect(actThree == (try v.hexField("act3.output")))
        #expect(keys.initiatorToResponder.unsafeCopy() == (try v.hexField("sk")))
        #expect(keys.responderToInitiator.unsafeCopy() == (try v.hexField("rk")))
        #expect(keys.chainingKey.unsafeCopy() == (try v.hexField("ck")))
    }

    @Test func responderSuccessfulHandshake() throws {
        let v = try VectorFile.load("bolt8", "transport-responder-successful-handshake.txt")
        let ls = try PrivateKey(secret: v.secret("ls.priv"))
        #expect(ls.publicKey.compressed == (try v.hexField("ls.pub")))
        var hs = try NoiseResponder(localStatic: ls, ephemeral: PrivateKey(secret: v.secret("e.priv")))
        #expect(try hs.makeActTwo(readingActOne: v.hexField("act1.input")) == v.hexField("act2.output"))
        let (rs, keys) = try hs.readActThree(v.hexField("act3.input"))
        #expect(rs.compressed == (try v.hexField("rs.pub")))
        // The responder receives on the initiator's sending key and vice versa.
        #expect(keys.initiatorToResponder.unsafeCopy() == (try v.hexField("rk")))
        #expect(keys.responderToInitiator.unsafeCopy() == (try v.hexField("sk")))
    }

    static let failureVectors: [String] = (try? VectorFile.all(in: "bolt8", prefix: "transport-").map(\.name)
        .filter { !$0.contains("successful") && !$0.contains("message") }) ?? []

    @Test func thereAreThirteenFailureVectors() {
        #expect(Self.failureVectors.count == 13)
    }

    @Test(arguments: failureVectors)
    func failureVector(_ name: String) throws {
        let v = try VectorFile.load("bolt8", name)
        let expected = try Self.expectedError(v.field("expect"))
        let error: (any Error)?
        if try v.field("role") == "initiator" {
            var hs = try NoiseInitiator(localStatic: PrivateKey(secret: v.secret("ls.priv")),
                                        remoteStatic: PublicKey(bytes: v.hexField("rs.pub")),
                                        ephemeral: PrivateKey(secret: v.secret("e.priv")))
            #expect(try hs.makeActOne() == v.hexField("act1.output"))
            error = Self.capture { _ = try hs.makeActThree(readingActTwo: v.hexField("act2.input")) }
        } else {
            var hs = try NoiseResponder(localStatic: PrivateKey(secret: v.secret("ls.priv")),
                                        ephemeral: PrivateKey(secret: v.secret("e.priv")))
            if let actThree = v.fields["act3.input"].flatMap(Hex.decode) {
                #expect(try hs.makeActTwo(readingActOne: v.hexField("act1.input")) == v.hexField("act2.output"))
                error = Self.capture { _ = try hs.readActThree(actThree) }
            } else {
                error = Self.capture { _ = try hs.makeActTwo(readingActOne: v.hexField("act1.input")) }
            }
        }
        #expect(error as? HandshakeError == expected, "\(name): got \(String(describing: error))")
    }

    @Test func stepsOutOfOrderAreRejected() throws {
        let key = try PrivateKey.generate()
        var initiator = try NoiseInitiator(localStatic: key, remoteStatic: PrivateKey.generate().publicKey)
        #expect(throws: HandshakeError.self) { _ = try initiator.makeActThree(readingActTwo: [UInt8](repeating: 0, count: 50)) }
        var responder = try NoiseResponder(localStatic: key)
        #expect(throws: HandshakeError.self) { _ = try responder.readActThree([UInt8](repeating: 0, count: 66)) }
    }

    @Test func randomKeysAgree() throws {
        let a = try PrivateKey.generate(), b = try PrivateKey.generate()
        var i = try NoiseInitiator(localStatic: a, remoteStatic: b.publicKey)
        var r = try NoiseResponder(localStatic: b)
        let two = try r.makeActTwo(readingActOne: i.makeActOne())
        let (three, ik) = try i.makeActThree(readingActTwo: two)
        let (peer, rk) = try r.readActThree(three)
        #expect(peer == a.publicKey)
        var (enc, _) = ik.transport(asInitiator: true)
        var (_, dec) = rk.transport(asInitiator: false)
        try dec.append(enc.encode([0, 18, 1, 2, 3]))
        #expect(try dec.nextMessage() == [0, 18, 1, 2, 3])
    }

    static func capture(_ body: () throws -> Void) -> (any Error)? {
        do { try body(); return nil } catch { return error }
    }

    /// Maps the spec's `ACTn_...` result names to our errors.
    static func expectedError(_ text: String) throws -> HandshakeError {
        let parts = text.split(separator: " ")
        let head = String(parts[0])
        let act = Int(String(head.dropFirst(3).prefix(1))) ?? 0
        switch head.dropFirst(5) {
        case "READ_FAILED": return .wrongLength(act: act, expected: act == 3 ? 66 : 50, got: act == 3 ? 65 : 49)
        case "BAD_VERSION": return .badVersion(act: act, version: UInt8(parts.count > 1 ? String(parts[1]) : "1") ?? 1)
        case "BAD_PUBKEY": return .badPublicKey(act: act)
        case "BAD_TAG": return .badTag(act: act)
        case "BAD_CIPHERTEXT": return .badCiphertext
        default: throw VectorFileError.malformed(text, "unknown expect")
        }
    }
}
