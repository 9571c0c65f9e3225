import Codecs

/// `ping` (type 18): `u16 num_pong_bytes ‖ u16 byteslen ‖ ignored[byteslen]`.
public struct Ping: Equatable, Sendable {
    /// Pong size the sender asks for; 65532 or more means "do not answer".
    public var pongByteCount: UInt16
    public var ignored: [UInt8]

    public init(pongByteCount: UInt16, ignored: [UInt8] = []) {
        self.pongByteCount = pongByteCount
        self.ignored = ignored
    }

    /// The pong a receiver must send, or nil when none is wanted.
    public var expectedPong: Pong? {
        pongByteCount < 65532 ? Pong(ignored: [UInt8](repeating: 0, count: Int(pongByteCount))) : nil
    }

    public func encodedPayload() -> [UInt8] {
        var w = ByteWriter()
        let padding = ignored.prefix(Int(UInt16.max))
        w.writeUInt16(pongByteCount)
        w.writeUInt16(UInt16(padding.count)); w.write(Array(padding))
        return w.bytes
    }

    public init(payload: [UInt8]) throws {
        var r = WireReader(payload, context: "ping")
        pongByteCount = try r.readUInt16("num_pong_bytes")
        let length = try r.readUInt16("byteslen")
        ignored = try r.readBytes(Int(length), "ignored")
        _ = try TLVStream.decode(r.readRest(), context: "ping", knownEvenTypes: nil)
    }
}
