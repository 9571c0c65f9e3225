import Codecs

/// lnd's `channel.backup` plaintext (chanbackup/multi.go): u8 version (only 0 exists),
/// u32 count, then the Singles back to back.
public struct MultiBackup: Hashable, Sendable {
    public static let currentVersion: UInt8 = 0

    public var singles: [SingleBackup]
    /// Singles of a version this code does not know (written by a newer lnd), kept whole and
    /// untouched: they never stop a backup or a restore (docs/scb-format.md §5).
    public var unknownSingles: [UnknownSingle]

    public init(singles: [SingleBackup], unknownSingles: [UnknownSingle] = []) {
        self.singles = singles
        self.unknownSingles = unknownSingles
    }

    /// Every channel, known version or not.
    public var channelCount: Int { singles.count + unknownSingles.count }

    /// Decodes a plaintext Multi; every byte must be used.
    public init(decoding bytes: [UInt8]) throws(ChannelBackupError) {
        var singles: [SingleBackup] = []
        var unknown: [UnknownSingle] = []
        try Self.scan(bytes, single: { (reader: inout ChannelBackupReader) throws(ChannelBackupError) in
            singles.append(try SingleBackup(from: &reader))
        }, unknown: { unknown.append($0) })
        self.singles = singles
        self.unknownSingles = unknown
    }

    /// Checks a plaintext Multi exactly as `init(decoding:)` does (the same checks, the same
    /// errors) without building it, and returns its channel count. Copies and allocates
    /// nothing for Singles of known versions: this is what the agent does with every Multi lnd
    /// sends before storing it.
    public static func channelCount(checking bytes: [UInt8]) throws(ChannelBackupError) -> Int {
        try scan(bytes, single: { (reader: inout ChannelBackupReader) throws(ChannelBackupError) in
            var ignored = IgnoredParts()
            _ = try SingleBackupLayout.scan(&reader, into: &ignored)
        }, unknown: { _ in })
    }

    /// `channelCount(checking:)` that also reports the Singles of unknown versions and the
    /// Multi's order-independent digest (`ChannelSetDigest`): what the agent compares to skip
    /// a copy of a channel state it already stored.
    public static func check(_ bytes: [UInt8]) throws(ChannelBackupError) -> MultiCheck {
        var unknownVersions: [UInt8] = []
        var digests: [[UInt8]] = []
        let count = try scan(bytes, single: { (reader: inout ChannelBackupReader) throws(ChannelBackupError) in
            var addresses = AddressDescriptorRanges()
            let layout = try SingleBackupLayout.scan(&reader, into: &addresses)
            digests.append(ChannelSetDigest.single(bytes, layout: layout, addresses: addresses))
        }, unknown: {
            unknownVersions.append($0.version)
            digests.append(ChannelSetDigest.unknown($0))
        })
        return MultiCheck(channelCount: count, unknownSingleVersions: unknownVersions.sorted(), channelSetDigest: ChannelSetDigest.set(digests))
    }

    /// The Multi's frame: version, a count that can fit, each Single through `single` (or
    /// `unknown` when its version is not one this code knows), and nothing after the last one.
    /// Returns the count.
    @discardableResult
    private static func scan(
        _ bytes: [UInt8], single: (inout ChannelBackupReader) throws(ChannelBackupError) -> Void, unknown: (UnknownSingle) -> Void
    ) throws(ChannelBackupError) -> Int {
        var reader = ChannelBackupReader(bytes)
        let version = try reader.readUInt8("multi version")
        guard version == Self.currentVersion else { throw .unknownMultiVersion(version) }
        let count = try reader.readUInt32("channel count")
        guard UInt64(count) * UInt64(SingleBackup.minimumEncodedSize) <= UInt64(reader.remaining) else {
            throw .impossibleCount(declared: count, available: reader.remaining, minimumEach: SingleBackup.minimumEncodedSize)
        }
        for _ in 0..<count {
            if SingleBackupVersion.isKnown(versionByte: try reader.peekUInt8("single version")) {
                try single(&reader)
            } else {
                unknown(try UnknownSingle.read(from: &reader))
            }
        }
        guard reader.isAtEnd else { throw .trailingBytes(count: reader.remaining, after: "the last channel of the multi backup") }
        return Int(count)
    }

    public func encoded() throws(ChannelBackupError) -> [UInt8] {
        guard channelCount <= Int(UInt32.max) else {
            throw .cannotEncode(what: "multi backup", reason: "more than 2^32-1 channels")
        }
        var writer = ByteWriter(capacity: 5 + singles.count * 700)
        writer.writeUInt8(Self.currentVersion)
        writer.writeUInt32(UInt32(channelCount))
        for single in singles { try single.write(to: &writer) }
        for single in unknownSingles { writer.write(single.bytes) }
        return writer.bytes
    }
}
