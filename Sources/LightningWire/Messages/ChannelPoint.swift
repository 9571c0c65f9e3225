import Sodium

/// A channel's funding outpoint, as users and lnd write it: `<txid hex>:<output index>`,
/// with the txid in display order (as explorers show it).
public struct ChannelPoint: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The txid in internal (wire) byte order.
    public let txidInternalOrder: [UInt8]
    public let outputIndex: UInt32

    public init(txidInternalOrder: [UInt8], outputIndex: UInt32) throws {
        guard txidInternalOrder.count == 32 else {
            throw WireError.invalidField(message: "channel point", field: "txid", reason: "must be 32 bytes, got \(txidInternalOrder.count)")
        }
        self.txidInternalOrder = txidInternalOrder
        self.outputIndex = outputIndex
    }

    /// Parses `txid:index` (txid as 64 hex digits in display order).
    public init(_ text: String) throws {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let txid = Hex.decode(parts[0]), txid.count == 32, let index = UInt32(parts[1]) else {
            throw WireError.invalidField(message: "channel point", field: text,
                                         reason: "expected <64 hex digit txid>:<output index>, e.g. 8e3e...3592:0")
        }
        try self.init(txidInternalOrder: txid.reversed(), outputIndex: index)
    }

    /// The txid as explorers display it.
    public var txidDisplayHex: String { Hex.encode(txidInternalOrder.reversed()) }

    public var description: String { "\(txidDisplayHex):\(outputIndex)" }
}
