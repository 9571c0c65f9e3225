import Sodium

/// What an lnd backup file holds once decrypted: a Multi (`channel.backup`, `multi_chan_backup`)
/// or one Single (an exported `chan_backup`). Pure: callers read the file themselves.
public enum ChannelBackupFile: Hashable, Sendable {
    case multi(MultiBackup)
    case single(SingleBackup)

    public enum Kind: String, Sendable, CaseIterable {
        case multi, single
    }

    public var kind: Kind {
        if case .multi = self { return .multi }
        return .single
    }

    /// The channels, in file order.
    public var singles: [SingleBackup] {
        switch self {
        case .multi(let multi): return multi.singles
        case .single(let single): return [single]
        }
    }

    /// Decodes a decrypted plaintext. Without `kind`, a Multi is tried first, then a Single
    /// (a version-0 Single also starts with 0x00, so the first byte alone cannot tell); if
    /// both fail, the Multi's error is reported unless the bytes look like a Single's header.
    public init(plaintext: [UInt8], kind: Kind? = nil) throws(ChannelBackupError) {
        switch kind {
        case .multi: self = .multi(try MultiBackup(decoding: plaintext))
        case .single: self = .single(try SingleBackup(decoding: plaintext))
        case nil:
            let multiError: ChannelBackupError
            do { self = .multi(try MultiBackup(decoding: plaintext)); return } catch { multiError = error }
            do { self = .single(try SingleBackup(decoding: plaintext)); return } catch {
                let looksSingle = plaintext.first.map { $0 != 0 } ?? false
                throw looksSingle ? error : multiError
            }
        }
    }

    /// Decrypts with lnd's key and decodes.
    public static func open(blob: [UInt8], key: SecureBytes, kind: Kind? = nil) throws -> ChannelBackupFile {
        try ChannelBackupFile(plaintext: LNDBackupCrypto.decrypt(blob: blob, key: key), kind: kind)
    }

    /// The encrypted blob inside file contents: raw bytes as lnd writes `channel.backup`, or
    /// the same bytes as hex text (as `lncli exportchanbackup` prints; whitespace ignored).
    public static func blob(fromFileContents contents: [UInt8]) -> [UInt8] {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0a || $0 == 0x0d || $0 == 0x09 }
        let isHexDigit: (UInt8) -> Bool = { (0x30...0x39).contains($0) || (0x41...0x46).contains($0) || (0x61...0x66).contains($0) }
        guard contents.allSatisfy({ isHexDigit($0) || isSpace($0) }) else { return contents }
        let digits = contents.filter { !isSpace($0) }
        guard !digits.isEmpty, let decoded = Hex.decode(String(decoding: digits, as: UTF8.self)) else { return contents }
        return decoded
    }

    /// One `ChannelSummary` per channel, for `casa-recover inspect`.
    public var summaries: [ChannelSummary] { singles.map(ChannelSummary.init) }
}
