import Codecs
import LightningTypes

/// A Single whose version this code does not know (a newer lnd: lnd added versions 5, 6 and 7
/// in three years). lnd writes every Single as `version ‖ u16 body_len ‖ body` precisely "so we
/// can skip any Singles that we don't know of" (chanbackup/single.go, Serialize), so such a
/// Single is kept whole and byte for byte: it is lnd's own restorable format, and only the lnd
/// that wrote it can read it. We never re-encode it; recovery hands `bytes` to lnd untouched.
///
/// The identity fields are read best-effort: every version so far starts its body with the
/// same prefix (initiator, chain hash, funding outpoint, short channel ID, remote node key),
/// so they are shown when the body is long enough for them, and nil otherwise.
public struct UnknownSingle: Hashable, Sendable {
    /// The version without the 0x80 close-tx flag.
    public let version: UInt8
    public let hasCloseTx: Bool
    /// The whole plaintext Single: version byte, body length and body.
    public let bytes: [UInt8]
    public let chainHash: [UInt8]?
    public let fundingOutpoint: ChannelPoint?
    public let remoteNodePublicKey: CompressedPublicKey?
    /// Satoshis, read after the address list (its format is the same in every version).
    public let capacity: UInt64?

    /// Body bytes of the prefix every known version shares.
    static let sharedPrefixSize = 1 + 32 + 34 + 8 + 33

    /// Reads one Single of an unknown version at the reader's position: only its header is
    /// checked (the body must be there in full).
    static func read(from reader: inout ChannelBackupReader) throws(ChannelBackupError) -> UnknownSingle {
        let start = reader.offset
        let versionByte = try reader.readUInt8("single version")
        let length = Int(try reader.readUInt16("single body length"))
        let body = try reader.skip(length, "body of a single channel backup of unknown version \(versionByte & ~SingleBackupVersion.closeTxFlag)")
        return UnknownSingle(bytes: Array(reader.bytes[start..<body.upperBound]))
    }

    /// One whole plaintext Single of an unknown version (a simulator or a test building what a
    /// newer lnd writes); only its header is checked.
    public init(encoded bytes: [UInt8]) throws(ChannelBackupError) {
        var reader = ChannelBackupReader(bytes)
        guard !SingleBackupVersion.isKnown(versionByte: try reader.peekUInt8("single version")) else {
            throw .invalidField(what: "single version", reason: "version \(bytes[0] & ~SingleBackupVersion.closeTxFlag) is known; decode it as a SingleBackup")
        }
        self = try Self.read(from: &reader)
        guard reader.isAtEnd else { throw .trailingBytes(count: reader.remaining, after: "the single channel backup") }
    }

    /// `bytes` is one whole Single (as `read` returns it).
    init(bytes: [UInt8]) {
        self.bytes = bytes
        version = bytes[0] & ~SingleBackupVersion.closeTxFlag
        hasCloseTx = bytes[0] & SingleBackupVersion.closeTxFlag != 0
        var prefix = ChannelBackupReader(bytes, offset: 3)
        guard prefix.remaining >= Self.sharedPrefixSize,
              (try? prefix.skip(1, "initiator flag")) != nil,
              let chain = try? prefix.readBytes(32, "chain hash"),
              let txid = try? prefix.readBytes(32, "funding txid"),
              let index = try? prefix.readUInt16("funding output index"),
              (try? prefix.skip(8, "short channel ID")) != nil,
              let key = try? CompressedPublicKey.read(from: &prefix, "remote node public key")
        else {
            chainHash = nil
            fundingOutpoint = nil
            remoteNodePublicKey = nil
            capacity = nil
            return
        }
        chainHash = chain
        fundingOutpoint = ChannelPoint(checkedTxid: txid, outputIndex: UInt32(index))
        remoteNodePublicKey = key
        if let addressBytes = try? prefix.readUInt16("address list length"), (try? prefix.skip(Int(addressBytes), "address list")) != nil {
            capacity = try? prefix.readUInt64("capacity")
        } else {
            capacity = nil
        }
    }

    /// What recovery shows for it.
    public var explanation: String { "unknown channel type v\(version), handed to lnd untouched" }
}
