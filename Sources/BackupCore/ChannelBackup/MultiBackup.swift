/// lnd's `channel.backup` plaintext (chanbackup/multi.go): u8 version (only 0 exists),
/// u32 count, then the Singles back to back.
public struct MultiBackup: Hashable, Sendable {
    public static let currentVersion: UInt8 = 0

    public var singles: [SingleBackup]

    public init(singles: [SingleBackup]) {
        self.singles = singles
    }

    /// Decodes a plaintext Multi; every byte must be used.
    public init(decoding bytes: [UInt8]) throws(ChannelBackupError) {
        var singles: [SingleBackup] = []
        try Self.scan(bytes) { (reader: inout ByteReader) throws(ChannelBackupError) in
            singles.append(try SingleBackup(from: &reader))
        }
        self.singles = singles
    }

    /// Checks a plaintext Multi exactly as `init(decoding:)` does (the same checks, the same
    /// errors) without building it, and returns its channel count. Copies and allocates
    /// nothing: this is what the agent does with every Multi lnd sends before storing it.
    public static func channelCount(checking bytes: [UInt8]) throws(ChannelBackupError) -> Int {
        try scan(bytes) { (reader: inout ByteReader) throws(ChannelBackupError) in
            var ignored = IgnoredParts()
            _ = try SingleBackupLayout.scan(&reader, into: &ignored)
        }
    }

    /// The Multi's frame: version, a count that can fit, each Single through `single`, and
    /// nothing after the last one. Returns the count.
    @discardableResult
    private static func scan(
        _ bytes: [UInt8], single: (inout ByteReader) throws(ChannelBackupError) -> Void
    ) throws(ChannelBackupError) -> Int {
        var reader = ByteReader(bytes)
        let version = try reader.readUInt8("multi version")
        guard version == Self.currentVersion else { throw .unknownMultiVersion(version) }
        let count = try reader.readUInt32("channel count")
        guard UInt64(count) * UInt64(SingleBackup.minimumEncodedSize) <= UInt64(reader.remaining) else {
            throw .impossibleCount(declared: count, available: reader.remaining, minimumEach: SingleBackup.minimumEncodedSize)
        }
        for _ in 0..<count { try single(&reader) }
        guard reader.isAtEnd else { throw .trailingBytes(count: reader.remaining, after: "the last channel of the multi backup") }
        return Int(count)
    }

    public func encoded() throws(ChannelBackupError) -> [UInt8] {
        guard singles.count <= Int(UInt32.max) else {
            throw .cannotEncode(what: "multi backup", reason: "more than 2^32-1 channels")
        }
        var writer = ByteWriter(capacity: 5 + singles.count * 700)
        writer.writeUInt8(Self.currentVersion)
        writer.writeUInt32(UInt32(singles.count))
        for single in singles { try single.write(to: &writer) }
        return writer.bytes
    }
}
