/// One operation a macaroon grants: an entity and an action (bakery `Op`), e.g. `offchain:read`,
/// or lnd's special `uri` entity whose action is a full gRPC method, e.g. `uri:/lnrpc.Lightning/GetInfo`.
public struct MacaroonOperation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var entity: String
    public var action: String

    public init(_ entity: String, _ action: String) {
        self.entity = entity
        self.action = action
    }

    /// Parses `entity:action` (lncli's bakemacaroon syntax).
    public init?(parsing text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let entity = String(text[..<colon])
        let action = String(text[text.index(after: colon)...])
        guard !entity.isEmpty, !action.isEmpty else { return nil }
        self.init(entity, action)
    }

    public var description: String { "\(entity):\(action)" }

    public static func < (lhs: MacaroonOperation, rhs: MacaroonOperation) -> Bool {
        (lhs.entity, lhs.action) < (rhs.entity, rhs.action)
    }

    public static let uriEntity = "uri"

    /// Entities and actions lnd accepts in BakeMacaroon (rpcserver.go validEntities / validActions).
    public static let validEntities = [
        "onchain", "offchain", "address", "message", "peers", "info", "invoices", "signer", "macaroon", "uri",
    ]
    public static let validActions = ["read", "write", "generate"]

    /// lnd's admin.macaroon (rpcserver.go adminPermissions).
    public static let admin: [MacaroonOperation] = {
        var result: [MacaroonOperation] = []
        for entity in ["onchain", "offchain", "address", "message", "peers", "info", "invoices"] {
            result += [MacaroonOperation(entity, "read"), MacaroonOperation(entity, "write")]
        }
        result += [
            MacaroonOperation("signer", "generate"), MacaroonOperation("signer", "read"),
            MacaroonOperation("macaroon", "generate"), MacaroonOperation("macaroon", "read"),
            MacaroonOperation("macaroon", "write"),
        ]
        return result
    }()

    /// lnd's readonly.macaroon (rpcserver.go readPermissions).
    public static let readOnly: [MacaroonOperation] = [
        "onchain", "offchain", "address", "message", "peers", "info", "invoices", "signer", "macaroon",
    ].map { MacaroonOperation($0, "read") }

    /// lnd's invoice.macaroon (rpcserver.go invoicePermissions).
    public static let invoice: [MacaroonOperation] = [
        MacaroonOperation("invoices", "read"), MacaroonOperation("invoices", "write"),
        MacaroonOperation("address", "read"), MacaroonOperation("address", "write"),
        MacaroonOperation("onchain", "read"),
    ]
}
