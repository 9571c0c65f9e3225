import Foundation

/// A request message read the way protojson reads input: a field may use its proto name or
/// its lowerCamelCase JSON name, 64-bit integers may be strings or numbers, bytes are base64
/// (standard or URL-safe, padded or not), `null` means unset. Unknown fields are refused before
/// a handler runs (`RequestSchemas`, D15), as lnd's gateway does.
struct JSONInput: Sendable {
    let members: [(String, JSONValue)]

    init(members: [(String, JSONValue)]) {
        self.members = members
    }

    /// Parses a request body; an empty body is an empty message, as in grpc-gateway.
    init(body: [UInt8]) throws(RPCError) {
        if body.allSatisfy({ [0x20, 0x0a, 0x0d, 0x09].contains($0) }) {
            self.init(members: [])
            return
        }
        let parsed: JSONValue
        do {
            parsed = try JSONParser.parse(body)
        } catch {
            throw RPCError(.invalidArgument, "proto: syntax error (line 1:\(error.offset + 1)): \(error.reason)")
        }
        guard let members = parsed.objectMembers else {
            throw RPCError(.invalidArgument, "proto: syntax error (line 1:1): unexpected token, expected {")
        }
        self.init(members: members)
    }

    private func raw(_ name: String) -> JSONValue? {
        let camel = JSONInput.camelCase(name)
        for (key, value) in members where key == name || key == camel {
            // A pattern match: `==` serializes both sides, the whole (maybe large) value.
            if case .null = value { return nil }
            return value
        }
        return nil
    }

    func has(_ name: String) -> Bool { raw(name) != nil }

    func string(_ name: String) throws(RPCError) -> String {
        guard let value = raw(name) else { return "" }
        guard let text = value.stringValue else { throw invalid(name, "string", value) }
        return text
    }

    func bool(_ name: String) throws(RPCError) -> Bool {
        guard let value = raw(name) else { return false }
        guard let flag = value.boolValue else { throw invalid(name, "bool", value) }
        return flag
    }

    func int64(_ name: String) throws(RPCError) -> Int64 {
        guard let value = raw(name) else { return 0 }
        guard let number = value.int64Value else { throw invalid(name, "int64", value) }
        return number
    }

    func uint64(_ name: String) throws(RPCError) -> UInt64 {
        guard let value = raw(name) else { return 0 }
        switch value {
        case .unsigned(let number): return number
        case .string(let text): if let number = UInt64(text) { return number }
        default: if let number = value.int64Value, number >= 0 { return UInt64(number) }
        }
        throw invalid(name, "uint64", value)
    }

    func int32(_ name: String) throws(RPCError) -> Int32 {
        guard let value = raw(name) else { return 0 }
        guard let wide = value.int64Value, let narrow = Int32(exactly: wide) else { throw invalid(name, "int32", value) }
        return narrow
    }

    func uint32(_ name: String) throws(RPCError) -> UInt32 {
        guard let value = raw(name) else { return 0 }
        guard let wide = value.int64Value, let narrow = UInt32(exactly: wide) else { throw invalid(name, "uint32", value) }
        return narrow
    }

    func bytes(_ name: String) throws(RPCError) -> [UInt8] {
        guard let value = raw(name) else { return [] }
        guard let text = value.stringValue, let decoded = JSONInput.decodeBase64(text) else {
            throw invalid(name, "bytes", value)
        }
        return decoded
    }

    func object(_ name: String) throws(RPCError) -> JSONInput? {
        guard let value = raw(name) else { return nil }
        guard let object = value.objectMembers else { throw invalid(name, "message", value) }
        return JSONInput(members: object)
    }

    func objects(_ name: String) throws(RPCError) -> [JSONInput] {
        guard let value = raw(name) else { return [] }
        guard let array = value.arrayValue else { throw invalid(name, "repeated message", value) }
        var result: [JSONInput] = []
        for element in array {
            guard let object = element.objectMembers else { throw invalid(name, "message", element) }
            result.append(JSONInput(members: object))
        }
        return result
    }

    func strings(_ name: String) throws(RPCError) -> [String] {
        guard let value = raw(name) else { return [] }
        guard let array = value.arrayValue else { throw invalid(name, "repeated string", value) }
        var result: [String] = []
        for element in array {
            guard let text = element.stringValue else { throw invalid(name, "string", element) }
            result.append(text)
        }
        return result
    }

    private func invalid(_ name: String, _ type: String, _ value: JSONValue) -> RPCError {
        RPCError(.invalidArgument, "proto: (line 1:1): invalid value for \(type) field \(name): \(value.serialized())")
    }

    /// protojson accepts standard and URL-safe alphabets, with or without padding.
    static func decodeBase64(_ text: String) -> [UInt8]? {
        var normalized = text
        if text.utf8.contains(where: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }) {
            normalized = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        }
        while normalized.hasSuffix("=") { normalized.removeLast() }
        let remainder = normalized.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { normalized += String(repeating: "=", count: 4 - remainder) }
        return Data(base64Encoded: normalized).map { Array($0) }
    }

    static func camelCase(_ snake: String) -> String {
        var result = ""
        var upperNext = false
        for character in snake {
            if character == "_" {
                upperNext = true
            } else if upperNext {
                result += character.uppercased()
                upperNext = false
            } else {
                result.append(character)
            }
        }
        return result
    }
}
