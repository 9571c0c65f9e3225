public import Sodium

/// The keys a finished handshake yields. Each side picks its sending and receiving halves.
public struct TransportKeys: Sendable {
    public let initiatorToResponder: SecureBytes
    public let responderToInitiator: SecureBytes
    /// The final chaining key, the initial salt of both directions' key rotation.
    public let chainingKey: SecureBytes

    /// The frame encoder and decoder for one side of the connection.
    public func transport(asInitiator: Bool) -> (encoder: FrameEncoder, decoder: FrameDecoder) {
        let send = asInitiator ? initiatorToResponder : responderToInitiator
        let receive = asInitiator ? responderToInitiator : initiatorToResponder
        return (FrameEncoder(cipher: CipherState(key: send, chainingKey: chainingKey)),
                FrameDecoder(cipher: CipherState(key: receive, chainingKey: chainingKey)))
    }
}
