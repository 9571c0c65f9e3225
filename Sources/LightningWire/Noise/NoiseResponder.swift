public import Secp256k1
import Sodium

/// The responder's side of the BOLT 8 Noise_XK handshake: the initiator knows our static
/// key and reveals its own in act three.
///
///     var hs = try NoiseResponder(localStatic: nodeKey)
///     send(try hs.makeActTwo(readingActOne: read(50)))
///     let (peerId, keys) = try hs.readActThree(read(66))
public struct NoiseResponder: Sendable {
    private enum Step: Sendable { case start, sentActTwo, done }

    private var state: SymmetricState
    private var step = Step.start
    private let localStatic: PrivateKey
    private let ephemeral: PrivateKey

    /// - Parameter ephemeral: only for test vectors; a fresh random key otherwise.
    public init(localStatic: PrivateKey, ephemeral: PrivateKey? = nil) throws {
        self.localStatic = localStatic
        self.ephemeral = try ephemeral ?? PrivateKey.generate()
        state = try SymmetricState(responderStatic: localStatic.publicKey)
    }

    /// Reads act one (`e, es`) and answers with act two (`e, ee`, 50 bytes to send).
    public mutating func makeActTwo(readingActOne actOne: [UInt8]) throws -> [UInt8] {
        guard step == .start else { throw HandshakeError.outOfOrder("act one was already read") }
        step = .done
        try HandshakeActs.check(actOne, act: 1, expected: HandshakeActs.actOneByteCount)
        guard let re = try? PublicKey(bytes: Array(actOne[1..<34])) else { throw HandshakeError.badPublicKey(act: 1) }
        state.mixHash(re.compressed)
        try state.mixKey(localStatic.sharedSecret(with: re))
        guard try state.decryptAndHash(Array(actOne[34..<50]), nonce: 0) != nil else { throw HandshakeError.badTag(act: 1) }

        let e = ephemeral.publicKey.compressed
        state.mixHash(e)
        try state.mixKey(ephemeral.sharedSecret(with: re))
        let c = try state.encryptAndHash([], nonce: 0)
        step = .sentActTwo
        return [HandshakeActs.version] + e + c
    }

    /// Reads act three (`s, se`): returns the initiator's static key (its node id) and the transport keys.
    public mutating func readActThree(_ actThree: [UInt8]) throws -> (remoteStatic: PublicKey, keys: TransportKeys) {
        guard step == .sentActTwo else {
            throw HandshakeError.outOfOrder("act three read before act two was sent, or twice")
        }
        step = .done
        try HandshakeActs.check(actThree, act: 3, expected: HandshakeActs.actThreeByteCount)
        guard let rsBytes = try state.decryptAndHash(Array(actThree[1..<50]), nonce: 1) else { throw HandshakeError.badCiphertext }
        guard let rs = try? PublicKey(bytes: rsBytes), rsBytes.count == 33 else { throw HandshakeError.badPublicKey(act: 3) }
        try state.mixKey(ephemeral.sharedSecret(with: rs))
        guard try state.decryptAndHash(Array(actThree[50..<66]), nonce: 0) != nil else { throw HandshakeError.badTag(act: 3) }
        return (rs, try state.split())
    }
}
