import Codecs

/// `pong` (type 19): `u16 byteslen ‖ ignored[byteslen]`.
public struct Pong: Equatable, Sendable {
    public var ignored: [UInt8]

    public init(ignored: [UInt8] = []) {
        self.ignored = ignored
    }

    public func encodedPayload() -> [UInt8] {
        var w = ByteWriter()
        let padding = ignored.prefix(Int(UInt16.max))
        w.writeUInt16(UInt16(padding.count)); w.write(Array(padding))
        return w.bytes
    }

    public init(payload: [UInt8]) throws {
        var r = WireReader(payload, context: "pong")
        let length = try r.readUInt16("byteslen")
        ignored = try r.readBytes(Int(length), "ignored")
        _ = try TLVStream.decode(r.readRest(), context: "pong", knownEvenTypes: nil)
    }
}
