import Codecs
import LightningTypes

/// Where one Single lies in the bytes it was scanned in, and what it is: the result of checking
/// a Single field by field (docs/scb-format.md §3) without copying any of it. Every check of
/// the format is made here, once; building the model (`SingleBackup(from:)`) then only reads
/// the fields at these offsets.
struct SingleBackupLayout {
    /// The whole Single: version byte, body length and body.
    let range: Range<Int>
    let version: SingleBackupVersion
    /// The first body byte (the initiator flag), where the fields before the address list start.
    let body: Int
    /// The capacity, where the fields after the address list start.
    let afterAddresses: Int
    /// Where the fields every Single has end (after the lease expiry): the CloseTxInputs, if
    /// any, start here.
    let fixedFieldsEnd: Int
    /// Present exactly when the version byte has the close-tx flag.
    let closeTx: CloseTxInputs.Scanned?

    /// Checks one Single at the reader's position, as lnd parses it, and then that its fields
    /// used exactly the declared body_len; reports its repeated parts to `parts`.
    static func scan<Parts: SingleBackupParts>(_ reader: inout ChannelBackupReader, into parts: inout Parts) throws(ChannelBackupError) -> SingleBackupLayout {
        let start = reader.offset
        let (version, hasCloseTx) = try SingleBackupVersion.decode(versionByte: try reader.readUInt8("single version"))
        let declared = Int(try reader.readUInt16("single body length"))
        let body = reader.offset

        let initiator = try reader.readUInt8("initiator flag")
        guard initiator <= 1 else { throw .invalidField(what: "initiator flag", reason: "byte \(initiator) is neither 0 nor 1") }
        try reader.skip(32, "chain hash")
        try reader.skip(32, "funding txid")
        try reader.skip(2, "funding output index")
        try ShortChannelID.skip(&reader)
        try CompressedPublicKey.skip(&reader, "remote node public key")
        try NodeAddress.scanList(from: &reader, into: &parts)
        let afterAddresses = reader.offset
        try reader.skip(8, "capacity")
        try LocalChannelKeys.skip(&reader, side: "local")
        try RemoteChannelKeys.skip(&reader, side: "remote")
        try ShachainRoot.skip(&reader)
        if version.hasLeaseExpiry { try reader.skip(4, "lease expiry") }
        let fixedFieldsEnd = reader.offset
        let closeTx = hasCloseTx ? try CloseTxInputs.scan(&reader, version: version, into: &parts) : nil

        let parsed = reader.offset - body
        guard parsed == declared else { throw .bodyLengthMismatch(declared: declared, parsed: parsed, offset: start) }
        return SingleBackupLayout(range: start..<reader.offset, version: version, body: body, afterAddresses: afterAddresses,
                                  fixedFieldsEnd: fixedFieldsEnd, closeTx: closeTx)
    }
}
