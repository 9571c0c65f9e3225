/// Builds lnd-format v2 macaroons for tests: the bytes layout lnd writes (a real HMAC chain is
/// irrelevant here: only lnd verifies signatures, and the fake server compares the hex).
enum MacaroonFactory {
    static func varint(_ value: Int) -> [UInt8] {
        var value = value
        var out: [UInt8] = []
        while value >= 0x80 {
            out.append(UInt8(value & 0x7f) | 0x80)
            value >>= 7
        }
        return out + [UInt8(value)]
    }

    static func make(permissions: [(String, [String])]) -> [UInt8] {
        func field(_ number: UInt8, _ bytes: [UInt8]) -> [UInt8] { [number << 3 | 2] + varint(bytes.count) + bytes }
        var identifier: [UInt8] = [3] + field(1, [UInt8](repeating: 7, count: 16)) + field(2, Array("0".utf8))
        for (entity, actions) in permissions {
            var op = field(1, Array(entity.utf8))
            for action in actions { op += field(2, Array(action.utf8)) }
            identifier += field(3, op)
        }
        var macaroon: [UInt8] = [2]
        macaroon += [1, 3] + Array("lnd".utf8)
        macaroon += [2] + varint(identifier.count) + identifier
        macaroon += [0, 0]
        macaroon += [6, 32] + [UInt8](repeating: 0xab, count: 32)
        return macaroon
    }

    static let admin = make(permissions: [
        ("address", ["read", "write"]), ("info", ["read", "write"]), ("invoices", ["read", "write"]),
        ("macaroon", ["generate", "read", "write"]), ("message", ["read", "write"]), ("offchain", ["read", "write"]),
        ("onchain", ["read", "write"]), ("peers", ["read", "write"]), ("signer", ["generate", "read"]),
    ])

    static let leastPrivilege = make(permissions: [("uri", [
        "/lnrpc.Lightning/GetInfo", "/lnrpc.Lightning/ListChannels", "/lnrpc.Lightning/PendingChannels",
        "/lnrpc.Lightning/ExportAllChannelBackups", "/lnrpc.Lightning/SubscribeChannelBackups",
        "/lnrpc.Lightning/VerifyChanBackup", "/signrpc.Signer/DeriveSharedKey",
    ])])
}
