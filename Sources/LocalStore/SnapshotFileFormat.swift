import Foundation
import Sodium
import Codecs

/// The on-disk layout of one snapshot file (docs/local-store.md, "File format"). The file carries
/// everything the catalog holds, so the catalog can always be rebuilt from the files.
///
///     offset size
///          0    8  magic "CASASNAP"
///          8    1  format version (1)
///          9    3  zero
///         12    8  sequence, u64 big-endian
///         20    8  created at, unix milliseconds, i64 big-endian
///         28    4  channel count, u32 big-endian
///         32   32  multi hash: the channel-set digest of the decrypted lnd Multi (BackupCore ChannelSetDigest)
///         64   32  content hash: SHA-256 of the sealed bytes
///         96    8  sealed length, u64 big-endian
///        104   32  header checksum: SHA-256 of bytes 0..<104
///        136    n  sealed bytes
public enum SnapshotFileFormat {
    public static let magic: [UInt8] = Array("CASASNAP".utf8)
    public static let version: UInt8 = 1
    public static let headerSize = 136
    static let checkedHeaderSize = 104

    static let filePrefix = "snapshot-"
    static let fileSuffix = ".casa"
    static let temporarySuffix = ".tmp"

    /// "snapshot-00000000000000000042.casa": fixed width, so names sort like sequences.
    public static func fileName(for sequence: UInt64) -> String {
        let digits = String(sequence)
        return filePrefix + String(repeating: "0", count: max(0, 20 - digits.count)) + digits + fileSuffix
    }

    public static func temporaryFileName(for sequence: UInt64) -> String {
        fileName(for: sequence) + temporarySuffix
    }

    /// The sequence in a snapshot file name, or nil for any other name (temporary files included).
    public static func sequence(fromFileName name: String) -> UInt64? {
        guard name.hasPrefix(filePrefix), name.hasSuffix(fileSuffix) else { return nil }
        let digits = name.dropFirst(filePrefix.count).dropLast(fileSuffix.count)
        guard digits.count == 20, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        // Sequences must fit the catalog's signed 64-bit integers.
        guard let sequence = UInt64(digits), sequence <= UInt64(Int64.max) else { return nil }
        return sequence
    }

    static func isTemporaryFileName(_ name: String) -> Bool {
        name.hasPrefix(filePrefix) && name.hasSuffix(fileSuffix + temporarySuffix)
    }

    /// The complete file for `sealed` (whose SHA-256 must be `metadata.contentHash`).
    public static func encode(_ metadata: SnapshotMetadata, sealed: [UInt8]) -> [UInt8] {
        var file = withHeaderRoom(sealed)
        writeHeader(metadata, into: &file)
        return file
    }

    /// `sealed` after `headerSize` zero bytes: a file waiting for `writeHeader`.
    public static func withHeaderRoom(_ sealed: [UInt8]) -> [UInt8] {
        var file = [UInt8]()
        file.reserveCapacity(headerSize + sealed.count)
        file += repeatElement(0, count: headerSize)
        file += sealed
        return file
    }

    /// Writes the header for `metadata` over the first `headerSize` bytes of `file`, whose
    /// sealed bytes follow them: a snapshot sealed with room for its header becomes its file
    /// in place.
    public static func writeHeader(_ metadata: SnapshotMetadata, into file: inout [UInt8]) {
        file.replaceSubrange(0..<headerSize, with: header(metadata))
    }

    /// The `headerSize` bytes in front of a snapshot's sealed bytes (`metadata.size` of them).
    public static func header(_ metadata: SnapshotMetadata) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(headerSize)
        out += magic
        out += [version, 0, 0, 0]
        appendBigEndian(metadata.sequence, to: &out)
        appendBigEndian(UInt64(bitPattern: metadata.createdAtMilliseconds), to: &out)
        appendBigEndian(UInt32(clamping: metadata.channelCount), to: &out)
        out += metadata.multiHash
        out += metadata.contentHash
        appendBigEndian(UInt64(max(0, metadata.size)), to: &out)
        out += SHA256.hash(out)
        return out
    }

    /// Parses and verifies a file; any damage (torn, truncated, flipped bits) is a corruption.
    public static func decode(_ file: [UInt8], path: String, expectedSequence: UInt64?) throws(SnapshotCorruption) -> StoredSnapshot {
        func corrupt(_ reason: SnapshotCorruption.Reason) -> SnapshotCorruption {
            SnapshotCorruption(path: path, sequence: expectedSequence, reason: reason)
        }
        guard file.count >= headerSize else { throw corrupt(.truncated(expectedAtLeast: headerSize, actual: file.count)) }
        guard Array(file[0..<8]) == magic else { throw corrupt(.badMagic) }
        guard SHA256.hash(Array(file[0..<checkedHeaderSize])) == Array(file[checkedHeaderSize..<headerSize]) else {
            throw corrupt(.headerChecksumMismatch)
        }
        guard file[8] == version else { throw corrupt(.unsupportedVersion(file[8])) }
        let sequence = readBigEndian(file, at: 12)
        if let expectedSequence, expectedSequence != sequence {
            throw corrupt(.sequenceMismatch(name: expectedSequence, header: sequence))
        }
        let sealedLength = readBigEndian(file, at: 96)
        let actualLength = file.count - headerSize
        guard sealedLength == UInt64(actualLength) else {
            throw corrupt(.lengthMismatch(expected: Int(clamping: sealedLength), actual: actualLength))
        }
        let sealed = Array(file[headerSize...])
        let contentHash = Array(file[64..<96])
        guard SHA256.hash(sealed) == contentHash else { throw corrupt(.contentHashMismatch) }
        let millis = Int64(bitPattern: readBigEndian(file, at: 20))
        let metadata = SnapshotMetadata(
            sequence: sequence,
            createdAtMilliseconds: millis,
            channelCount: Int(readBigEndian(file, at: 28, width: 4)),
            multiHash: Array(file[32..<64]),
            contentHash: contentHash,
            size: actualLength
        )
        return StoredSnapshot(metadata: metadata, sealed: sealed)
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String { Hex.encode(bytes) }

    private static func appendBigEndian<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { out += $0 }
    }

    private static func readBigEndian(_ bytes: [UInt8], at offset: Int, width: Int = 8) -> UInt64 {
        bytes[offset..<offset + width].reduce(0) { $0 << 8 | UInt64($1) }
    }
}
