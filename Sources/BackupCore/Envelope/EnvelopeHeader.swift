/// The 64-byte envelope header (docs/envelope.md §3). It is public information; reading it
/// needs no key (e.g. to show the counter or pick the newest copy).
public struct EnvelopeHeader: Hashable, Sendable {
    public static let byteCount = 64
    static let magic: [UInt8] = Array("CASA".utf8)
    /// What casa writes; readers accept every version from 1 to this one.
    public static let currentVersion: UInt8 = 2

    public var version: UInt8
    public var keyID: [UInt8]
    public var counter: UInt64
    var binding: [UInt8]
    var nonce: [UInt8]

    init(version: UInt8, keyID: [UInt8], counter: UInt64, binding: [UInt8], nonce: [UInt8]) {
        self.version = version
        self.keyID = keyID
        self.counter = counter
        self.binding = binding
        self.nonce = nonce
    }

    /// Parses and checks a header in the order of docs/envelope.md §7 (checks 1–5).
    public init(parsing envelope: [UInt8]) throws {
        guard BinaryFields.startsWithMagic(envelope, Self.magic) else { throw EnvelopeError.badMagic }
        guard envelope.count >= Self.byteCount else { throw EnvelopeError.truncated(byteCount: envelope.count) }
        version = envelope[4]
        guard (1...Self.currentVersion).contains(version) else { throw EnvelopeError.unknownVersion(version) }
        guard envelope[5..<8].allSatisfy({ $0 == 0 }) else { throw EnvelopeError.badHeader }
        guard EnvelopeSize.isValidTotal(envelope.count) else { throw EnvelopeError.truncated(byteCount: envelope.count) }
        keyID = Array(envelope[8..<16])
        counter = BinaryFields.readUInt64(envelope, at: 16)
        binding = Array(envelope[24..<40])
        nonce = Array(envelope[40..<64])
    }

    /// The 64 serialized bytes (also the start of the associated data).
    var bytes: [UInt8] {
        var out = Self.magic
        out.append(version)
        out += [0, 0, 0]
        out += keyID
        BinaryFields.appendUInt64(counter, to: &out)
        out += binding
        out += nonce
        return out
    }
}
