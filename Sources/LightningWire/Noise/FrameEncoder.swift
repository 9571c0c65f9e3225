/// Encrypts outgoing Lightning messages into BOLT 8 frames: `enc(u16 len)` (18 bytes), then
/// `enc(message)` (len + 16 bytes). Key rotation is handled by the underlying `CipherState`.
public struct FrameEncoder: Sendable {
    public static let maxMessageByteCount = 65535

    private var cipher: CipherState

    public init(cipher: CipherState) {
        self.cipher = cipher
    }

    /// One whole frame for `message` (type ‖ payload), to be written in one go.
    public mutating func encode(_ message: [UInt8]) throws -> [UInt8] {
        guard message.count <= Self.maxMessageByteCount else { throw FrameError.messageTooLarge(message.count) }
        let length = [UInt8(message.count >> 8), UInt8(message.count & 0xff)]
        let header = try cipher.encrypt(length)
        return header + (try cipher.encrypt(message))
    }
}
