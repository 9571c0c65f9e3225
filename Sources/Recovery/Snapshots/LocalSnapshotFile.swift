import Foundation
import Sodium

/// The agent's local snapshot file, format version 1 (docs/local-store.md, "File format"), read
/// here without the agent's database so that `casa-recover` works from a bare folder or USB copy.
///
///     0 magic "CASASNAP" | 8 version 1 | 9 zero×3 | 12 sequence u64 | 20 created-at ms i64
///     28 channel count u32 | 32 multi hash | 64 content hash (SHA-256 of the sealed bytes)
///     96 sealed length u64 | 104 SHA-256 of bytes 0..<104 | 136 sealed bytes (our envelope)
public struct LocalSnapshotFile: Sendable, Equatable {
    public static let magic: [UInt8] = Array("CASASNAP".utf8)
    public static let headerSize = 136

    public var sequence: UInt64
    public var createdAtMilliseconds: Int64
    public var channelCount: UInt32
    public var multiHash: [UInt8]
    public var contentHash: [UInt8]
    public var sealed: [UInt8]

    /// Parses and verifies a file; any damage is an `invalidBackup` error that says what is wrong.
    public init(decoding file: [UInt8]) throws {
        guard file.count >= Self.headerSize else {
            throw RecoveryError.invalidBackup("the snapshot file is truncated (\(file.count) bytes, the header alone is \(Self.headerSize))")
        }
        guard Array(file[0..<8]) == Self.magic else { throw RecoveryError.invalidBackup("not a casa snapshot file (bad magic)") }
        guard SHA256.hash(Array(file[0..<104])) == Array(file[104..<136]) else {
            throw RecoveryError.invalidBackup("the snapshot file header is damaged (checksum mismatch)")
        }
        guard file[8] == 1 else { throw RecoveryError.invalidBackup("snapshot file format version \(file[8]) is not supported; upgrade casa") }
        sequence = Self.read(file, at: 12, width: 8)
        createdAtMilliseconds = Int64(bitPattern: Self.read(file, at: 20, width: 8))
        channelCount = UInt32(Self.read(file, at: 28, width: 4))
        multiHash = Array(file[32..<64])
        contentHash = Array(file[64..<96])
        let length = Self.read(file, at: 96, width: 8)
        guard length == UInt64(file.count - Self.headerSize) else {
            throw RecoveryError.invalidBackup("the snapshot file is cut or extended (header says \(length) bytes, found \(file.count - Self.headerSize))")
        }
        sealed = Array(file[Self.headerSize...])
        guard SHA256.hash(sealed) == contentHash else {
            throw RecoveryError.invalidBackup("the snapshot's content does not match its hash (bit rot or a torn write)")
        }
    }

    public init(sequence: UInt64, createdAtMilliseconds: Int64, channelCount: UInt32, multiHash: [UInt8], sealed: [UInt8]) {
        self.sequence = sequence
        self.createdAtMilliseconds = createdAtMilliseconds
        self.channelCount = channelCount
        self.multiHash = multiHash
        self.contentHash = SHA256.hash(sealed)
        self.sealed = sealed
    }

    /// The file bytes (tests and USB copies made by hand).
    public func encoded() -> [UInt8] {
        var out = Self.magic + [1, 0, 0, 0]
        Self.append(sequence, width: 8, to: &out)
        Self.append(UInt64(bitPattern: createdAtMilliseconds), width: 8, to: &out)
        Self.append(UInt64(channelCount), width: 4, to: &out)
        out += multiHash + contentHash
        Self.append(UInt64(sealed.count), width: 8, to: &out)
        out += SHA256.hash(out)
        return out + sealed
    }

    /// "snapshot-<20 digits>.casa", as the agent names its files.
    public static func fileName(sequence: UInt64) -> String {
        let digits = String(sequence)
        return "snapshot-" + String(repeating: "0", count: max(0, 20 - digits.count)) + digits + ".casa"
    }

    /// The sequence in an agent file name, or nil.
    public static func sequence(fromFileName name: String) -> UInt64? {
        guard name.hasPrefix("snapshot-"), name.hasSuffix(".casa") else { return nil }
        let digits = name.dropFirst("snapshot-".count).dropLast(".casa".count)
        guard digits.count == 20, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return UInt64(digits)
    }

    private static func read(_ bytes: [UInt8], at offset: Int, width: Int) -> UInt64 {
        bytes[offset..<offset + width].reduce(0) { $0 << 8 | UInt64($1) }
    }

    private static func append(_ value: UInt64, width: Int, to out: inout [UInt8]) {
        for shift in stride(from: (width - 1) * 8, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
}
