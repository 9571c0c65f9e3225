import Codecs
import LightningTypes

extension SingleBackup {
    /// Header (version byte + u16 body_len) plus the smallest possible body (no addresses,
    /// no lease, no close tx): used to reject impossible Multi counts before parsing.
    public static let minimumEncodedSize = 3 + 1 + 32 + 34 + 8 + 33 + 2 + 8 + 2 + 40 + 2 + 165 + 33 + 8

    /// Decodes one plaintext Single; every byte must be used.
    public init(decoding bytes: [UInt8]) throws(ChannelBackupError) {
        var reader = ChannelBackupReader(bytes)
        try self.init(from: &reader)
        guard reader.isAtEnd else { throw .trailingBytes(count: reader.remaining, after: "the single channel backup") }
    }

    /// Decodes one Single at the reader's position (as inside a Multi): checks it completely
    /// (`SingleBackupLayout.scan`: fields in order, like lnd, then the bytes used must equal the
    /// declared body_len), then builds it.
    public init(from reader: inout ChannelBackupReader) throws(ChannelBackupError) {
        var parts = CollectedParts(bytes: reader.bytes)
        let layout = try SingleBackupLayout.scan(&reader, into: &parts)
        try self.init(layout, parts: parts)
    }

    /// Builds the model from a scan: reads each field where the scan checked it.
    init(_ layout: SingleBackupLayout, parts: CollectedParts) throws(ChannelBackupError) {
        var head = ChannelBackupReader(parts.bytes, offset: layout.body)
        version = layout.version
        isInitiator = try head.readUInt8("initiator flag") == 1
        chainHash = try head.readBytes(32, "chain hash")
        let txid = try head.readBytes(32, "funding txid")
        fundingOutpoint = ChannelPoint(checkedTxid: txid, outputIndex: UInt32(try head.readUInt16("funding output index")))
        shortChannelID = try ShortChannelID.read(from: &head)
        remoteNodePublicKey = try CompressedPublicKey.read(from: &head, "remote node public key")
        addresses = parts.addresses
        var tail = ChannelBackupReader(parts.bytes, offset: layout.afterAddresses)
        capacity = try tail.readUInt64("capacity")
        localKeys = try LocalChannelKeys.read(from: &tail, side: "local")
        remoteKeys = try RemoteChannelKeys.read(from: &tail, side: "remote")
        shachainRoot = try ShachainRoot.read(from: &tail)
        leaseExpiry = layout.version.hasLeaseExpiry ? try tail.readUInt32("lease expiry") : nil
        closeTxInputs = layout.closeTx.map { CloseTxInputs($0, parts: parts) }
    }

    /// The plaintext serialization lnd would write: version byte, exact body_len, body.
    public func encoded() throws(ChannelBackupError) -> [UInt8] {
        var writer = ByteWriter(capacity: 512)
        try write(to: &writer)
        return writer.bytes
    }

    /// Appends the serialization to `writer` (as inside a Multi).
    public func write(to writer: inout ByteWriter) throws(ChannelBackupError) {
        guard chainHash.count == 32 else { throw .cannotEncode(what: "chain hash", reason: "must be 32 bytes, got \(chainHash.count)") }
        guard fundingOutpoint.outputIndex <= UInt32(UInt16.max) else {
            throw .cannotEncode(what: "funding outpoint", reason: "output index \(fundingOutpoint.outputIndex) does not fit in 16 bits")
        }
        guard (leaseExpiry != nil) == version.hasLeaseExpiry else {
            throw .cannotEncode(what: "lease expiry", reason: "it is present exactly for version 4 (this is \(version.rawValue))")
        }
        var body = ByteWriter(capacity: 512)
        body.writeUInt8(isInitiator ? 1 : 0)
        body.write(chainHash)
        body.write(fundingOutpoint.txidInternal)
        body.writeUInt16(UInt16(fundingOutpoint.outputIndex))
        shortChannelID.write(to: &body)
        body.write(remoteNodePublicKey.bytes)
        try NodeAddress.writeList(addresses, to: &body)
        body.writeUInt64(capacity)
        localKeys.write(to: &body)
        remoteKeys.write(to: &body)
        shachainRoot.write(to: &body)
        if let leaseExpiry { body.writeUInt32(leaseExpiry) }
        if let closeTxInputs { try closeTxInputs.write(to: &body, version: version) }

        guard body.count <= Int(UInt16.max) else {
            throw .cannotEncode(what: "single channel backup", reason: "body of \(body.count) bytes is more than 65535")
        }
        writer.writeUInt8(version.versionByte(hasCloseTx: closeTxInputs != nil))
        writer.writeUInt16(UInt16(body.count))
        writer.write(body.bytes)
    }
}
