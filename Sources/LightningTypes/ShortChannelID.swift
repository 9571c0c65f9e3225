/// A short channel id: 3-byte block height, 3-byte transaction index, 2-byte output index
/// (BOLT 7). In a Single it is the confirmed location, or (broadcast height, 0, 0) for a
/// channel that was not yet confirmed when the backup was made.
public struct ShortChannelID: Hashable, Sendable, CustomStringConvertible {
    public static let maxBlockHeight: UInt32 = 0xff_ffff
    public static let maxTxIndex: UInt32 = 0xff_ffff

    public let blockHeight: UInt32
    public let txIndex: UInt32
    public let outputIndex: UInt16

    public init(blockHeight: UInt32, txIndex: UInt32, outputIndex: UInt16) throws(LightningValueError) {
        guard blockHeight <= Self.maxBlockHeight, txIndex <= Self.maxTxIndex else {
            throw .invalidField(what: "short channel id", reason: "block height and tx index must fit in 3 bytes")
        }
        self.blockHeight = blockHeight
        self.txIndex = txIndex
        self.outputIndex = outputIndex
    }

    /// From lnd's numeric `chan_id` (block << 40 | tx << 16 | output).
    public init(uint64 value: UInt64) {
        blockHeight = UInt32(value >> 40)
        txIndex = UInt32((value >> 16) & 0xff_ffff)
        outputIndex = UInt16(value & 0xffff)
    }

    /// Parses `"<block>x<tx>x<output>"`.
    public init(parsing text: String) throws(LightningValueError) {
        let parts = text.split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 3, let block = UInt32(parts[0]), let tx = UInt32(parts[1]), let out = UInt16(parts[2]) else {
            throw .invalidText(what: "short channel id", text: text, expected: "<block>x<tx>x<output>, e.g. 443x1x0")
        }
        try self.init(blockHeight: block, txIndex: tx, outputIndex: out)
    }

    /// lnd's numeric `chan_id` as used by ListChannels.
    public var uint64: UInt64 { UInt64(blockHeight) << 40 | UInt64(txIndex) << 16 | UInt64(outputIndex) }

    /// `"<block>x<tx>x<output>"`.
    public var description: String { "\(blockHeight)x\(txIndex)x\(outputIndex)" }
}
