import Codecs

/// A 32-byte channel id. For v1 channels: the funding txid (internal byte order) with the
/// funding output index XORed into its last two bytes (BOLT 2; docs/lightning-wire.md).
public struct ChannelID: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// The all-zero id: in `error`/`warning` it means "every channel".
    public static let all = ChannelID(validated: [UInt8](repeating: 0, count: 32))

    public init(bytes: [UInt8]) throws(LightningValueError) {
        guard bytes.count == 32 else {
            throw .invalidField(what: "channel id", reason: "must be 32 bytes, got \(bytes.count)")
        }
        self.bytes = bytes
    }

    private init(validated bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The id of the channel funded at `channelPoint`. BOLT 2 carries the output index as u16, so
    /// an index above 65535 (which no funding output can have) is refused.
    public init(channelPoint: ChannelPoint) throws(LightningValueError) {
        guard channelPoint.outputIndex <= UInt32(UInt16.max) else {
            throw .invalidField(what: "channel point output index",
                                reason: "\(channelPoint.outputIndex) is above 65535, which no Lightning funding output can have")
        }
        var id = channelPoint.txidInternal
        id[30] ^= UInt8(channelPoint.outputIndex >> 8)
        id[31] ^= UInt8(channelPoint.outputIndex & 0xff)
        bytes = id
    }

    public var isAll: Bool { bytes.allSatisfy { $0 == 0 } }

    public var description: String { Hex.encode(bytes) }
}
