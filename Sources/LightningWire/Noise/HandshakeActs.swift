/// Fixed sizes of the three handshake acts (BOLT 8), each led by version byte 0.
public enum HandshakeActs {
    public static let version: UInt8 = 0
    public static let actOneByteCount = 50
    public static let actTwoByteCount = 50
    public static let actThreeByteCount = 66

    /// Checks an act's length and version byte.
    static func check(_ bytes: [UInt8], act: Int, expected: Int) throws {
        guard bytes.count == expected else { throw HandshakeError.wrongLength(act: act, expected: expected, got: bytes.count) }
        guard bytes[0] == version else { throw HandshakeError.badVersion(act: act, version: bytes[0]) }
    }
}
