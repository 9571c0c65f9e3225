import Sodium

/// A funding outpoint. lnd has two spellings: `funding_txid_bytes` (base64 of the txid in
/// internal byte order, i.e. reversed display order) and `funding_txid_str` (display hex);
/// both decode to the same value here.
public struct ChannelPoint: Hashable, Sendable, CustomStringConvertible {
    /// The txid in internal (serialized) byte order.
    public let txidInternalOrder: [UInt8]
    public let outputIndex: UInt32

    public init(txidInternalOrder: [UInt8], outputIndex: UInt32) throws(LNDError) {
        guard txidInternalOrder.count == 32 else { throw .invalidArgument("a txid is 32 bytes, got \(txidInternalOrder.count)") }
        self.txidInternalOrder = txidInternalOrder
        self.outputIndex = outputIndex
    }

    /// From display hex (as in block explorers and `lncli`).
    public init(displayTxid: String, outputIndex: UInt32) throws(LNDError) {
        guard displayTxid.count == 64, let bytes = Hex.decode(displayTxid) else {
            throw .invalidArgument("a txid is 64 hex characters, got \(displayTxid)")
        }
        try self.init(txidInternalOrder: bytes.reversed(), outputIndex: outputIndex)
    }

    /// From "txid:index" (lnd's `channel_point` strings).
    public init(parsing text: String) throws(LNDError) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let index = UInt32(parts[1]) else {
            throw .invalidArgument("expected a channel point as txid:index, got \(text)")
        }
        try self.init(displayTxid: String(parts[0]), outputIndex: index)
    }

    /// Display order hex, as lnd puts it in URLs and `channel_point` strings.
    public var displayTxid: String { Hex.encode(txidInternalOrder.reversed()) }

    public var description: String { "\(displayTxid):\(outputIndex)" }
}

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
                try self.init(txidInternalOrder: bytes, outputIndex: index)
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
        try c.lndEncode(bytes: txidInternalOrder, forKey: .fundingTxidBytes)
        try c.encode(outputIndex, forKey: .outputIndex)
    }
}
