/// A Lightning message (`type(u16) ‖ payload`) as this minimal peer understands it.
/// Other types are kept as `.unknown`; BOLT 1 says an unknown even type must close the
/// connection and an unknown odd type is ignored (`isUnknownEven`).
public enum WireMessage: Equatable, Sendable {
    case initMessage(InitMessage)
    case ping(Ping)
    case pong(Pong)
    case error(ErrorMessage)
    case warning(ErrorMessage)
    case channelReestablish(ChannelReestablish)
    case unknown(type: UInt16, payload: [UInt8])

    public var type: UInt16 {
        switch self {
        case .initMessage: return MessageType.initMessage
        case .ping: return MessageType.ping
        case .pong: return MessageType.pong
        case .error: return MessageType.error
        case .warning: return MessageType.warning
        case .channelReestablish: return MessageType.channelReestablish
        case .unknown(let type, _): return type
        }
    }

    public var isUnknownEven: Bool {
        if case .unknown(let type, _) = self { return type % 2 == 0 }
        return false
    }

    /// Decodes `type ‖ payload`. Known types are parsed strictly.
    public init(decoding bytes: [UInt8]) throws {
        guard bytes.count >= 2 else { throw WireError.missingType(byteCount: bytes.count) }
        guard bytes.count <= FrameEncoder.maxMessageByteCount else { throw WireError.messageTooLarge(bytes.count) }
        let type = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
        let payload = Array(bytes[2...])
        switch type {
        case MessageType.initMessage: self = .initMessage(try InitMessage(payload: payload))
        case MessageType.ping: self = .ping(try Ping(payload: payload))
        case MessageType.pong: self = .pong(try Pong(payload: payload))
        case MessageType.error: self = .error(try ErrorMessage(payload: payload, kind: "error"))
        case MessageType.warning: self = .warning(try ErrorMessage(payload: payload, kind: "warning"))
        case MessageType.channelReestablish: self = .channelReestablish(try ChannelReestablish(payload: payload))
        default: self = .unknown(type: type, payload: payload)
        }
    }

    /// `type ‖ payload`, ready for `FrameEncoder.encode`.
    public func encoded() -> [UInt8] {
        let payload: [UInt8]
        switch self {
        case .initMessage(let m): payload = m.encodedPayload()
        case .ping(let m): payload = m.encodedPayload()
        case .pong(let m): payload = m.encodedPayload()
        case .error(let m), .warning(let m): payload = m.encodedPayload()
        case .channelReestablish(let m): payload = m.encodedPayload()
        case .unknown(_, let p): payload = p
        }
        return [UInt8(type >> 8), UInt8(type & 0xff)] + payload
    }

    /// A one-line summary for logs and reports (no secrets ever travel in these messages).
    public var summary: String {
        switch self {
        case .initMessage(let m): return "init features=[\(m.combinedFeatures)]"
        case .ping(let m): return "ping num_pong_bytes=\(m.pongByteCount)"
        case .pong(let m): return "pong \(m.ignored.count) bytes"
        case .error(let m): return "error channel=\(m.channelID) \"\(m.displayText)\""
        case .warning(let m): return "warning channel=\(m.channelID) \"\(m.displayText)\""
        case .channelReestablish(let m):
            return "channel_reestablish channel=\(m.channelID) next_commitment=\(m.nextCommitmentNumber) next_revocation=\(m.nextRevocationNumber)"
        case .unknown(let type, let payload): return "message type \(type) (\(payload.count) bytes)"
        }
    }
}
