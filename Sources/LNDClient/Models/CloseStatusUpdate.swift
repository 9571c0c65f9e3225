import Sodium
import Codecs

/// One message of the CloseChannel stream (lnrpc.CloseStatusUpdate, a oneof).
public enum CloseStatusUpdate: Decodable, Sendable, Equatable {
    /// The closing transaction was broadcast. `txid` is in internal byte order.
    case pending(txid: [UInt8], outputIndex: UInt32)
    /// The closing transaction confirmed.
    case closed(closingTxid: [UInt8], success: Bool)
    /// The close was requested with no_wait.
    case instant(numPendingHTLCs: Int32)

    enum CodingKeys: String, CodingKey {
        case closePending = "close_pending"
        case chanClose = "chan_close"
        case closeInstant = "close_instant"
    }

    enum PendingKeys: String, CodingKey {
        case txid
        case outputIndex = "output_index"
    }

    enum CloseKeys: String, CodingKey {
        case closingTxid = "closing_txid"
        case success
    }

    enum InstantKeys: String, CodingKey {
        case numPendingHtlcs = "num_pending_htlcs"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if c.contains(.closePending) {
            let p = try c.nestedContainer(keyedBy: PendingKeys.self, forKey: .closePending)
            self = .pending(txid: try p.lndBytes(.txid), outputIndex: try p.lndUInt32(.outputIndex))
        } else if c.contains(.chanClose) {
            let p = try c.nestedContainer(keyedBy: CloseKeys.self, forKey: .chanClose)
            self = .closed(closingTxid: try p.lndBytes(.closingTxid), success: try p.lndBool(.success))
        } else if c.contains(.closeInstant) {
            let p = try c.nestedContainer(keyedBy: InstantKeys.self, forKey: .closeInstant)
            self = .instant(numPendingHTLCs: try p.lndInt32(.numPendingHtlcs))
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a close update with no known member"))
        }
    }

    /// The closing txid in display order (reversed), when known.
    public var displayTxid: String? {
        switch self {
        case .pending(let txid, _): return Hex.encode(txid.reversed())
        case .closed(let txid, _): return Hex.encode(txid.reversed())
        case .instant: return nil
        }
    }
}
