import Codecs

/// What lnd (v0.19+) stores so that a channel can be force-closed from the backup alone
/// (`chantools scbforceclose`): our unsigned latest commitment transaction and the peer's
/// signature for it. Dangerous to use: if the state is not the latest, the peer can take
/// the whole channel with a penalty transaction.
public struct CloseTxInputs: Hashable, Sendable {
    public var commitTx: BitcoinTransaction
    /// The remote party's signature: DER ECDSA without a sighash byte (70–72 bytes), or for
    /// taproot versions a 98-byte MuSig2 partial signature followed by its nonce.
    public var commitSignature: [UInt8]
    /// The commitment height; present exactly for taproot versions (5, 6, 7).
    public var commitHeight: UInt64?
    /// The 32-byte tapscript root; present exactly for version 6.
    public var tapscriptRoot: [UInt8]?

    public init(commitTx: BitcoinTransaction, commitSignature: [UInt8], commitHeight: UInt64? = nil, tapscriptRoot: [UInt8]? = nil) {
        self.commitTx = commitTx
        self.commitSignature = commitSignature
        self.commitHeight = commitHeight
        self.tapscriptRoot = tapscriptRoot
    }

    func write(to writer: inout ByteWriter, version: SingleBackupVersion) throws(ChannelBackupError) {
        guard commitSignature.count <= Int(UInt16.max) else {
            throw .cannotEncode(what: "commit signature", reason: "\(commitSignature.count) bytes is more than 65535")
        }
        guard (commitHeight != nil) == version.isTaproot else {
            throw .cannotEncode(what: "commit height", reason: "it is present exactly for taproot versions 5, 6 and 7 (this is \(version.rawValue))")
        }
        guard (tapscriptRoot != nil) == version.hasTapscriptRoot else {
            throw .cannotEncode(what: "tapscript root", reason: "it is present exactly for version 6 (this is \(version.rawValue))")
        }
        if let root = tapscriptRoot, root.count != 32 {
            throw .cannotEncode(what: "tapscript root", reason: "must be 32 bytes, got \(root.count)")
        }
        writer.write(commitTx.serialized)
        writer.writeUInt16(UInt16(commitSignature.count))
        writer.write(commitSignature)
        if let commitHeight { writer.writeUInt64(commitHeight) }
        if let tapscriptRoot { writer.write(tapscriptRoot) }
    }

    /// Where the close-tx fields of a scanned Single lie.
    struct Scanned {
        let transaction: BitcoinTransaction.Scanned
        let signature: Range<Int>
        let commitHeight: UInt64?
        let tapscriptRoot: Range<Int>?
    }

    /// Checks the fields at the reader's position; the commit transaction's parts go to `parts`.
    static func scan<Parts: SingleBackupParts>(
        _ reader: inout ChannelBackupReader, version: SingleBackupVersion, into parts: inout Parts
    ) throws(ChannelBackupError) -> Scanned {
        let tx = try BitcoinTransaction.scan(&reader, into: &parts)
        let sigLength = Int(try reader.readUInt16("commit signature length"))
        let signature = try reader.skip(sigLength, "commit signature")
        let height = version.isTaproot ? try reader.readUInt64("commit height") : nil
        let root = version.hasTapscriptRoot ? try reader.skip(32, "tapscript root") : nil
        return Scanned(transaction: tx, signature: signature, commitHeight: height, tapscriptRoot: root)
    }

    /// Builds the fields from a scan.
    init(_ scanned: Scanned, parts: CollectedParts) {
        commitTx = BitcoinTransaction(scanned.transaction, parts: parts)
        commitSignature = Array(parts.bytes[scanned.signature])
        commitHeight = scanned.commitHeight
        tapscriptRoot = scanned.tapscriptRoot.map { Array(parts.bytes[$0]) }
    }
}
