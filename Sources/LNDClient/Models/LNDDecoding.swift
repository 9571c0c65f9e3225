import Sodium

/// lnd's REST JSON rules (protojson, docs/lnd.md §3.1) for decoding: every field may be absent
/// (zero value), 64-bit integers arrive as strings, 32-bit ones as numbers (both accepted either way),
/// `bytes` are base64 (standard or URL-safe, padded or not), unknown fields are ignored.
extension KeyedDecodingContainer {
    func lndString(_ key: Key) throws -> String {
        try decodeIfPresent(String.self, forKey: key) ?? ""
    }

    func lndBool(_ key: Key) throws -> Bool {
        try decodeIfPresent(Bool.self, forKey: key) ?? false
    }

    func lndInt64(_ key: Key) throws -> Int64 {
        try lndInteger(key, Int64.self)
    }

    func lndUInt64(_ key: Key) throws -> UInt64 {
        try lndInteger(key, UInt64.self)
    }

    func lndInt32(_ key: Key) throws -> Int32 {
        try lndInteger(key, Int32.self)
    }

    func lndUInt32(_ key: Key) throws -> UInt32 {
        try lndInteger(key, UInt32.self)
    }

    func lndBytes(_ key: Key) throws -> [UInt8] {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return [] }
        guard let bytes = Base64.decode(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "\(key.stringValue) is not base64")
        }
        return bytes
    }

    func lndArray<T: Decodable>(_ key: Key, of type: T.Type = T.self) throws -> [T] {
        try decodeIfPresent([T].self, forKey: key) ?? []
    }

    func lndMessage<T: Decodable>(_ key: Key, of type: T.Type = T.self) throws -> T? {
        try decodeIfPresent(T.self, forKey: key)
    }

    private func lndInteger<T: FixedWidthInteger & Decodable>(_ key: Key, _ type: T.Type) throws -> T {
        guard contains(key), try !decodeNil(forKey: key) else { return 0 }
        if let number = try? decode(T.self, forKey: key) { return number }
        let text = try decode(String.self, forKey: key)
        guard let value = T(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "\(key.stringValue) is not a \(T.self): \(text)")
        }
        return value
    }
}

/// Encoding side: 64-bit integers as strings, bytes as standard padded base64.
extension KeyedEncodingContainer {
    mutating func lndEncode(_ value: Int64, forKey key: Key) throws {
        try encode(String(value), forKey: key)
    }

    mutating func lndEncode(_ value: UInt64, forKey key: Key) throws {
        try encode(String(value), forKey: key)
    }

    mutating func lndEncode(bytes: [UInt8], forKey key: Key) throws {
        try encode(Base64.encode(bytes), forKey: key)
    }
}
