/// The fields of lnd's request messages that have a JSON body (lnd's *.proto at 90ea05d5), so
/// that a body is read the way lnd's REST gateway reads it: protojson without `DiscardUnknown`
/// (lnrpc/rpc_utils.go:47-57) fails on any field the message does not declare, with HTTP 400,
/// code 3 (InvalidArgument), before any wallet-state or macaroon check, because the gateway
/// decodes the body before it calls lnd (lightning.pb.gw.go:2140-2142). D15 in lnd-fidelity.md.
struct RequestSchema: Sendable {
    /// Field proto name → the schema of its message (nil for scalars, bytes and strings).
    let fields: [String: RequestSchema?]

    init(_ fields: [String: RequestSchema?]) {
        self.fields = fields
    }

    /// Whether a field is declared under `key` (its proto name or lowerCamelCase, as protojson
    /// accepts both), and its message schema if it is a message.
    func field(_ key: String) -> (declared: Bool, message: RequestSchema?) {
        if let entry = fields.first(where: { $0.key == key || JSONInput.camelCase($0.key) == key }) {
            return (true, entry.value)
        }
        return (false, nil)
    }

    /// Checks every member, recursively; the first unknown one fails as protojson does.
    func check(_ members: [(String, JSONValue)], body: [UInt8]) throws(RPCError) {
        for (key, value) in members {
            let field = field(key)
            guard field.declared else {
                throw RPCError(.invalidArgument, "proto: (line \(Self.position(of: key, in: body))): unknown field \"\(key)\"")
            }
            guard let nested = field.message else { continue }
            if let object = value.objectMembers {
                try nested.check(object, body: body)
            } else if let array = value.arrayValue {
                for element in array { if let object = element.objectMembers { try nested.check(object, body: body) } }
            }
        }
    }

    /// protojson's "line:column" of the key's token (its opening quote), 1-based.
    static func position(of key: String, in body: [UInt8]) -> String {
        let token = Array("\"\(key)\"".utf8)
        guard token.count <= body.count,
              let start = (0...(body.count - token.count)).first(where: { Array(body[$0..<$0 + token.count]) == token }) else {
            return "1:1"
        }
        let before = body[..<start]
        let line = before.filter { $0 == 0x0a }.count + 1
        let column = start - (before.lastIndex(of: 0x0a).map { $0 + 1 } ?? 0) + 1
        return "\(line):\(column)"
    }
}
