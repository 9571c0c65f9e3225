/// Everything that can be wrong with lnd static channel backup bytes (or with values we are
/// asked to encode). Each message says what was found and what the user can do about it.
public enum ChannelBackupError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Fewer bytes were left than a field needs.
    case truncated(what: String, offset: Int, needed: Int, available: Int)
    /// Bytes were left over after the last field.
    case trailingBytes(count: Int, after: String)
    /// The Multi's version byte is not 0.
    case unknownMultiVersion(UInt8)
    /// A Single's version (after removing the 0x80 close-tx flag) is above 7.
    case unknownSingleVersion(UInt8)
    /// A Single's body_len does not match the bytes its fields took.
    case bodyLengthMismatch(declared: Int, parsed: Int, offset: Int)
    /// A Multi claims more Singles than its length could possibly hold.
    case impossibleCount(declared: UInt32, available: Int, minimumEach: Int)
    /// A Bitcoin CompactSize integer used more bytes than needed.
    case nonCanonicalCompactSize(what: String, offset: Int)
    /// A field held a value the format does not allow.
    case invalidField(what: String, reason: String)
    /// A value cannot be encoded (too long, out of range, missing for this version).
    case cannotEncode(what: String, reason: String)
    /// Text (a txid, "txid:vout", "BLOCKxTXxOUT") could not be parsed.
    case invalidText(what: String, text: String, expected: String)
    /// The kind was not given and the bytes decode neither as a Multi nor as a Single.
    indirect case undetectable(asMulti: ChannelBackupError, asSingle: ChannelBackupError)

    public var description: String {
        switch self {
        case let .truncated(what, offset, needed, available):
            return "the backup is truncated: \(what) at byte \(offset) needs \(needed) bytes but only \(available) remain; "
                + "the file is incomplete or corrupt, take a fresh copy of channel.backup from lnd"
        case let .trailingBytes(count, after):
            return "the backup has \(count) unexpected bytes after \(after); the file is corrupt or not an lnd channel backup"
        case .unknownMultiVersion(let v):
            return "unable to unpack unknown multi-version \(v): this is not an lnd channel.backup we understand "
                + "(only version 0 exists); check that the file is a channel.backup and not another file"
        case .unknownSingleVersion(let v):
            return "unknown single channel backup version \(v) (known: 0-7); the backup was made by a newer lnd "
                + "than this tool supports, or it is corrupt: update casa"
        case let .bodyLengthMismatch(declared, parsed, offset):
            return "the single channel backup at byte \(offset) declares a body of \(declared) bytes but its fields take \(parsed); "
                + "the backup is corrupt"
        case let .impossibleCount(declared, available, minimumEach):
            return "the backup claims \(declared) channels but only \(available) bytes follow (each channel needs at least "
                + "\(minimumEach)); the file is truncated or corrupt"
        case let .nonCanonicalCompactSize(what, offset):
            return "\(what) at byte \(offset) uses a non-canonical length encoding; the backup is corrupt"
        case let .invalidField(what, reason):
            return "invalid \(what): \(reason); the backup is corrupt"
        case let .cannotEncode(what, reason):
            return "cannot encode \(what): \(reason)"
        case let .invalidText(what, text, expected):
            return "invalid \(what) \"\(text)\": expected \(expected)"
        case let .undetectable(asMulti, asSingle):
            return "not a channel backup this tool can read. As a channel.backup (multi): \(asMulti). "
                + "As a single channel backup: \(asSingle). If you know which kind the file is, say so (--kind)"
        }
    }
}
