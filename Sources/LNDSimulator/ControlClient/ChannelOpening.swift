/// The channel `lnd-sim open-channel` asks the simulator to open.
public struct ChannelOpening: Sendable {
    public var peer: String?
    public var capacity: Int64 = 1_000_000
    public var localBalance: Int64?
    public var type = "anchors-zero-fee-htlc"
    public var isPrivate = false
    public var weInitiated = true
    /// Left unconfirmed until `mine`.
    public var pending = false
    /// Singles with CloseTxInputs, as lnd writes from 0.19 on.
    public var closeTxInputs = true

    public init() {}

    var body: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("capacity", .integer(capacity)), ("type", .string(type)), ("private", .bool(isPrivate)),
            ("initiator", .bool(weInitiated)), ("pending", .bool(pending)), ("close_tx_inputs", .bool(closeTxInputs)),
        ]
        if let peer { fields.append(("peer", .string(peer))) }
        if let localBalance { fields.append(("local_balance", .integer(localBalance))) }
        return .object(fields)
    }
}
