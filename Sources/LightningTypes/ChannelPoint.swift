import Codecs

/// A transaction outpoint; lnd calls the funding outpoint of a channel its channel point.
/// The txid is kept in internal byte order (as serialized); humans and lnd's REST API use the
/// reversed "display" hex, as in `"<display txid>:<vout>"`.
public struct ChannelPoint: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The 32-byte txid in internal (serialized) order.
    public let txidInternal: [UInt8]
    public let outputIndex: UInt32

    public init(txidInternal: [UInt8], outputIndex: UInt32) throws(LightningValueError) {
        guard txidInternal.count == 32 else {
            throw .invalidField(what: "txid", reason: "must be 32 bytes, got \(txidInternal.count)")
        }
        self.txidInternal = txidInternal
        self.outputIndex = outputIndex
    }

    /// For 32 bytes a parser already checked.
    public init(checkedTxid txidInternal: [UInt8], outputIndex: UInt32) {
        precondition(txidInternal.count == 32, "a txid is 32 bytes")
        self.txidInternal = txidInternal
        self.outputIndex = outputIndex
    }

    /// From the display hex txid (as shown by block explorers and `lncli`).
    public init(displayTxid: String, outputIndex: UInt32) throws(LightningValueError) {
        guard displayTxid.utf8.count == 64, let bytes = Hex.decode(displayTxid) else {
            throw .invalidText(what: "txid", text: displayTxid, expected: "64 hex characters")
        }
        try self.init(txidInternal: bytes.reversed(), outputIndex: outputIndex)
    }

    /// Parses `"<display txid>:<vout>"`, as lnd and `lncli` print it.
    public init(parsing text: String) throws(LightningValueError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].utf8.count == 64, let index = UInt32(parts[1]) else {
            throw .invalidText(what: "channel point", text: text, expected: "<64 hex digit txid>:<output index>, e.g. 8e3e...3592:0")
        }
        try self.init(displayTxid: String(parts[0]), outputIndex: index)
    }

    /// The txid as displayed (reversed internal order), lowercase hex.
    public var displayTxid: String { Hex.encode(txidInternal.reversed()) }

    /// `"<display txid>:<vout>"`, lnd's format.
    public var description: String { "\(displayTxid):\(outputIndex)" }

    public static func < (lhs: ChannelPoint, rhs: ChannelPoint) -> Bool {
        (lhs.displayTxid, lhs.outputIndex) < (rhs.displayTxid, rhs.outputIndex)
    }
}
