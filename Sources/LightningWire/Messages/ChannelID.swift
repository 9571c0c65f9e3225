import Sodium

/// A 32-byte channel id. For v1 channels: the funding txid (internal byte order) with the
/// funding output index XORed into its last two bytes (BOLT 2; lnd `NewChanIDFromOutPoint`).
public struct ChannelID: Equatable, Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// The all-zero id: in `error`/`warning` it means "every channel".
    public static let all = ChannelID(validated: [UInt8](repeating: 0, count: 32))

    public init(bytes: [UInt8]) throws {
        guard bytes.count == 32 else {
            throw WireError.invalidField(message: "channel id", field: "bytes", reason: "must be 32 bytes, got \(bytes.count)")
        }
        self.bytes = bytes
    }

    private init(validated bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// - Parameters:
    ///   - fundingTxid: 32 bytes in internal (wire) order, the reverse of the hex explorers show.
    ///   - outputIndex: the funding output; BOLT 2 carries it as u16, so it must be below 65536.
    public init(fundingTxid: [UInt8], outputIndex: UInt32) throws {
        guard fundingTxid.count == 32 else {
            throw WireError.invalidField(message: "channel point", field: "txid", reason: "must be 32 bytes, got \(fundingTxid.count)")
        }
        guard outputIndex <= UInt32(UInt16.max) else {
            throw WireError.invalidField(message: "channel point", field: "output index",
                                         reason: "\(outputIndex) is above 65535, which no Lightning funding output can have")
        }
        var id = fundingTxid
        id[30] ^= UInt8(outputIndex >> 8)
        id[31] ^= UInt8(outputIndex & 0xff)
        bytes = id
    }

    public init(channelPoint: ChannelPoint) throws {
        try self.init(fundingTxid: channelPoint.txidInternalOrder, outputIndex: channelPoint.outputIndex)
    }

    public var isAll: Bool { bytes.allSatisfy { $0 == 0 } }

    public var description: String { Hex.encode(bytes) }
}
