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

    /// Channels of a Single version this code does not know (only a Multi can hold them).
    public var unknownSingles: [UnknownSingle] {
        if case .multi(let multi) = self { return multi.unknownSingles }
        return []
    }

    /// Decodes a decrypted plaintext. Without `kind`, a Multi is tried first, then a Single
    /// (a version-0 Single also starts with 0x00, so the first byte alone cannot tell). If both
    /// fail: a first byte of 0 is reported as a damaged Multi (the usual channel.backup);
    /// otherwise both errors are reported (`undetectable`), since the bytes may be a Single or
    /// a Multi of a version we do not know.
    public init(plaintext: [UInt8], kind: Kind? = nil) throws(ChannelBackupError) {
        switch kind {
        case .multi: self = .multi(try MultiBackup(decoding: plaintext))
        case .single: self = .single(try SingleBackup(decoding: plaintext))
        case nil:
            let multiError: ChannelBackupError
            do { self = .multi(try MultiBackup(decoding: plaintext)); return } catch { multiError = error }
            do { self = .single(try SingleBackup(decoding: plaintext)); return } catch {
                if plaintext.first == 0 { throw multiError }
                throw .undetectable(asMulti: multiError, asSingle: error)
            }
        }
    }

    /// Decrypts with lnd's key and decodes.
    public static func open(blob: [UInt8], key: SecureBytes, kind: Kind? = nil) throws -> ChannelBackupFile {
        try ChannelBackupFile(plaintext: LNDBackupCrypto.decrypt(blob: blob, key: key), kind: kind)
    }

    /// One `ChannelSummary` per channel, for `casa-recover inspect`: known versions first, then
    /// the unknown ones.
    public var summaries: [ChannelSummary] { singles.map(ChannelSummary.init) + unknownSingles.map(ChannelSummary.init) }
}
