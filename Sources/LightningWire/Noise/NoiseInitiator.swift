public import Secp256k1
import Sodium

/// The initiator's side of the BOLT 8 Noise_XK handshake: we know the peer's static key
/// (its node id) and prove our own in act three.
///
///     var hs = try NoiseInitiator(localStatic: nodeKey, remoteStatic: peerId)
///     send(try hs.makeActOne())
///     let (actThree, keys) = try hs.makeActThree(readingActTwo: read(50))
///     send(actThree)
public struct NoiseInitiator: Sendable {
    private enum Step: Sendable { case start, sentActOne, done }

    private var state: SymmetricState
    private var step = Step.start
    private let localStatic: PrivateKey
    private let remoteStatic: PublicKey
    private let ephemeral: PrivateKey

    /// - Parameter ephemeral: only for test vectors; a fresh random key otherwise.
    public init(localStatic: PrivateKey, remoteStatic: PublicKey, ephemeral: PrivateKey? = nil) throws {
        self.localStatic = localStatic
        self.remoteStatic = remoteStatic
        self.ephemeral = try ephemeral ?? PrivateKey.generate()
        state = try SymmetricState(responderStatic: remoteStatic)
    }

    /// Act one (`e, es`): 50 bytes to send.
    public mutating func makeActOne() throws -> [UInt8] {
        guard step == .start else { throw HandshakeError.outOfOrder("act one was already sent") }
        let e = ephemeral.publicKey.compressed
        state.mixHash(e)
        try state.mixKey(ephemeral.sharedSecret(with: remoteStatic))
        let c = try state.encryptAndHash([], nonce: 0)
        step = .sentActOne
        return [HandshakeActs.version] + e + c
    }

    /// Reads act two (`e, ee`) and answers with act three (`s, se`, 66 bytes to send).
    /// Returns the transport keys; on any error the connection must be closed.
    public mutating func makeActThree(readingActTwo actTwo: [UInt8]) throws -> (actThree: [UInt8], keys: TransportKeys) {
        guard step == .sentActOne else { throw HandshakeError.outOfOrder("act two read before act one was sent, or twice") }
        step = .done
        try HandshakeActs.check(actTwo, act: 2, expected: HandshakeActs.actTwoByteCount)
        guard let re = try? PublicKey(bytes: Array(actTwo[1..<34])) else { throw HandshakeError.badPublicKey(act: 2) }
        state.mixHash(re.compressed)
        try state.mixKey(ephemeral.sharedSecret(with: re))
        guard try state.decryptAndHash(Array(actTwo[34..<50]), nonce: 0) != nil else { throw HandshakeError.badTag(act: 2) }

        let c = try state.encryptAndHash(localStatic.publicKey.compressed, nonce: 1)
        try state.mixKey(localStatic.sharedSecret(with: re))
        let t = try state.encryptAndHash([], nonce: 0)
        return ([HandshakeActs.version] + c + t, try state.split())
    }
}
