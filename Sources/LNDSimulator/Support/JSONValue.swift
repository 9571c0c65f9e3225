import Foundation

/// A JSON value whose objects keep their key order, so responses list fields in proto
/// declaration order like lnd's protojson output does.
public indirect enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case integer(Int64)
    case unsigned(UInt64)
    case double(Double)
    case bool(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    /// protojson's rule for 64-bit integers: a decimal string.
    public static func int64(_ value: Int64) -> JSONValue { .string(String(value)) }
    public static func uint64(_ value: UInt64) -> JSONValue { .string(String(value)) }
    /// protojson's rule for `bytes`: standard base64 with padding.
    public static func bytes(_ value: [UInt8]) -> JSONValue { .string(Data(value).base64EncodedString()) }
    public static func int32(_ value: Int32) -> JSONValue { .integer(Int64(value)) }
    public static func uint32(_ value: UInt32) -> JSONValue { .integer(Int64(value)) }

    /// Compact JSON text.
    public func serialized() -> String {
        var out = ""
        write(to: &out)
        return out
    }

    public func serializedBytes() -> [UInt8] { Array(serialized().utf8) }

    /// The member named `key` of an object (first match), or nil.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var objectMembers: [(String, JSONValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// An integer given as a JSON number or as a decimal string (protojson's 64-bit form).
    public var int64Value: Int64? {
        switch self {
        case .integer(let number): return number
        case .unsigned(let number): return Int64(exactly: number)
        case .double(let number): return Int64(exactly: number)
        case .string(let text): return Int64(text)
        default: return nil
        }
    }

    private func write(to out: inout String) {
        switch self {
        case .object(let members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                JSONValue.writeString(member.0, to: &out)
                out += ":"
                member.1.write(to: &out)
            }
            out += "}"
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .string(let text):
            JSONValue.writeString(text, to: &out)
        case .integer(let number):
            out += String(number)
        case .unsigned(let number):
            out += String(number)
        case .double(let number):
            out += number.isFinite ? String(number) : "null"
        case .bool(let flag):
            out += flag ? "true" : "false"
        case .null:
            out += "null"
        }
    }

    private static func writeString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
