/// Why an envelope could not be sealed or opened (docs/envelope.md §7), each with what to do.
public enum EnvelopeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes do not start with "CASA".
    case badMagic
    /// Shorter than a header, or not a valid envelope size (cut or extended in transit).
    case truncated(byteCount: Int)
    /// Written by a newer format version.
    case unknownVersion(UInt8)
    /// Reserved header bytes are not zero.
    case badHeader
    /// Sealed under another key: another seed made it.
    case wrongKey
    /// Sealed for another account or blob name.
    case wrongBinding
    /// The tag did not verify: the header or ciphertext was modified.
    case authenticationFailed
    /// The decrypted record is malformed (kind 0, or a length beyond the record).
    case badRecord
    /// The decrypted record's padding is not all zero.
    case badPadding
    /// The counter is lower than one already seen for this blob: an old snapshot served as new.
    case rollback(seen: UInt64, got: UInt64)
    /// The payload does not fit the largest bucket.
    case payloadTooLarge(byteCount: Int, maximum: Int)
    /// Payload kind 0 is reserved.
    case invalidKind
    /// The caller named a blob that is not 64 hex characters; envelopes are bound to the 32
    /// bytes of a derived name (`BlobNameKey`), checked before anything else.
    case underivedBlobName(String)

    public var description: String {
        switch self {
        case .badMagic:
            return "not a casa envelope (bad magic); if this is lnd's own channel.backup, use `casa-recover inspect`"
        case .truncated(let n):
            return "the envelope is truncated or damaged (\(n) bytes is not a valid envelope size); fetch it again or use another copy"
        case .unknownVersion(let v):
            return "envelope format version \(v) is not supported by this casa; upgrade casa"
        case .badHeader:
            return "the envelope header is damaged (reserved bytes are not zero); use another copy"
        case .wrongKey:
            return "this backup was not made by this seed: check the 24 words and the aezeed passphrase"
        case .wrongBinding:
            return "this envelope belongs to another blob name or account: the store served the wrong blob; use another copy"
        case .authenticationFailed:
            return "the envelope was modified (authentication failed); use another copy"
        case .badRecord:
            return "the decrypted record is malformed; this envelope was written by a faulty casa"
        case .badPadding:
            return "the decrypted record has non-zero padding; this envelope was written by a faulty casa"
        case .rollback(let seen, let got):
            return "this snapshot (counter \(got)) is older than one already seen (counter \(seen)): the store may be serving an old backup; use the newest copy you have"
        case .payloadTooLarge(let n, let max):
            return "payload of \(n) bytes does not fit in an envelope (at most \(max) bytes)"
        case .invalidKind:
            return "payload kind 0 is reserved; use a kind from docs/envelope.md §4"
        case .underivedBlobName(let name):
            return "blob name \"\(name.prefix(40))\" is not a derived name (64 hex characters); envelopes are sealed and opened only for names from the blob-name key"
        }
    }
}
