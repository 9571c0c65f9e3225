import Sodium
import Codecs
import LightningTypes

/// `error` (17) and `warning` (1) share one layout: `channel_id(32) ‖ u16 len ‖ data`.
/// An all-zero channel id means "all channels".
public struct ErrorMessage: Equatable, Sendable {
    public var channelID: ChannelID
    public var data: [UInt8]

    public init(channelID: ChannelID, data: [UInt8] = []) {
        self.channelID = channelID
        self.data = data
    }

    public init(channelID: ChannelID, text: String) {
        self.init(channelID: channelID, data: Array(text.utf8))
    }

    /// The data as text when it is printable ASCII (BOLT 1 says print nothing else), else hex.
    public var displayText: String {
        if data.allSatisfy({ (32...126).contains($0) }) { return String(decoding: data, as: UTF8.self) }
        return "0x" + Hex.encode(data)
    }

    public func encodedPayload() -> [UInt8] {
        var w = ByteWriter()
        w.write(channelID.bytes); w.writeUInt16(UInt16(clamping: data.count)); w.write(Array(data.prefix(Int(UInt16.max))))
        return w.bytes
    }

    public init(payload: [UInt8], kind: String = "error") throws {
        var r = WireReader(payload, context: kind)
        channelID = try ChannelID(bytes: r.readBytes(32, "channel_id"))
        let length = try r.readUInt16("len")
        data = try r.readBytes(Int(length), "data")
        _ = try TLVStream.decode(r.readRest(), context: kind, knownEvenTypes: nil)
    }
}
