import LightningTypes

/// lnd's `ChannelPoint` message has two spellings of the txid: `funding_txid_bytes` (base64 of
/// the txid in internal byte order) and `funding_txid_str` (display hex); both decode to the
/// same value.
extension ChannelPoint: Codable {
    enum CodingKeys: String, CodingKey {
        case fundingTxidBytes = "funding_txid_bytes"
        case fundingTxidStr = "funding_txid_str"
        case outputIndex = "output_index"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let index = try c.lndUInt32(.outputIndex)
        let bytes = try c.lndBytes(.fundingTxidBytes)
        do {
            if !bytes.isEmpty {
                try self.init(txidInternal: bytes, outputIndex: index)
            } else {
                try self.init(displayTxid: try c.lndString(.fundingTxidStr), outputIndex: index)
            }
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)"))
        }
    }

    /// Encoded like lnd emits it: the bytes member of the oneof.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.lndEncode(bytes: txidInternal, forKey: .fundingTxidBytes)
        try c.encode(outputIndex, forKey: .outputIndex)
    }
}
