import Foundation
@testable import LNDSimulator

/// Validates simulator responses against lnd's swagger descriptions (Tests/Vectors/lnd-api):
/// every property of a message must be present except the members of a oneof (exactly one of
/// those, when the message has one), no property lnd does not have, 64-bit integers as decimal
/// strings, bytes as base64, enums by name.
struct SwaggerValidator: Sendable {
    struct Violation: Error, CustomStringConvertible {
        let description: String
    }

    private let definitions: [String: JSONValue]
    /// "METHOD path-pattern" → the 200 response schema.
    private let responses: [String: JSONValue]

    /// Oneof groups per definition (proto `oneof`; swagger cannot express them).
    static let oneofs: [String: [Set<String>]] = [
        "lnrpcChannelPoint": [["funding_txid_bytes", "funding_txid_str"]],
        "lnrpcCloseStatusUpdate": [["close_pending", "chan_close", "close_instant"]],
    ]

    static func load() throws -> SwaggerValidator {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Vectors/lnd-api")
        var definitions: [String: JSONValue] = [:]
        var responses: [String: JSONValue] = [:]
        for name in ["lightning", "signer", "stateservice", "walletunlocker"] {
            let bytes = try Array(Data(contentsOf: directory.appendingPathComponent("\(name).swagger.json")))
            let document = try JSONParser.parse(bytes)
            for (key, value) in document["definitions"]?.objectMembers ?? [] { definitions[key] = value }
            for (path, operations) in document["paths"]?.objectMembers ?? [] {
                for (method, operation) in operations.objectMembers ?? [] {
                    if let schema = operation["responses"]?["200"]?["schema"] {
                        responses["\(method.uppercased()) \(path)"] = schema
                    }
                }
            }
        }
        return SwaggerValidator(definitions: definitions, responses: responses)
    }

    func hasPath(method: String, pattern: String) -> Bool { responses["\(method) \(pattern)"] != nil }

    /// Validates a unary reply, a stream line, or an error body.
    func validate(method: String, pattern: String, status: Int, body: JSONValue, streamLine: Bool = false) throws {
        if streamLine {
            guard let schema = responses["\(method) \(pattern)"] else { throw Violation(description: "lnd has no \(method) \(pattern)") }
            try validate(body, schema, at: "\(pattern) line", oneof: [["result", "error"]])
            return
        }
        if status != 200 {
            try validate(body, .object([("$ref", .string("#/definitions/rpcStatus"))]), at: "\(pattern) error")
            return
        }
        guard let schema = responses["\(method) \(pattern)"] else { throw Violation(description: "lnd has no \(method) \(pattern)") }
        try validate(body, schema, at: pattern)
    }

    private func resolve(_ schema: JSONValue) -> (JSONValue, String?) {
        if let reference = schema["$ref"]?.stringValue {
            let name = String(reference.split(separator: "/").last ?? "")
            return (definitions[name] ?? .null, name)
        }
        return (schema, nil)
    }

    func validate(_ value: JSONValue, _ rawSchema: JSONValue, at path: String, oneof extraOneofs: [Set<String>] = []) throws {
        let (schema, name) = resolve(rawSchema)
        func fail(_ reason: String) -> Violation { Violation(description: "\(path): \(reason) (value \(value.serialized().prefix(200)))") }
        if let allowed = schema["enum"]?.arrayValue {
            guard let text = value.stringValue, allowed.contains(.string(text)) else { throw fail("not one of the enum names") }
            return
        }
        let type = schema["type"]?.stringValue ?? (schema["properties"] != nil ? "object" : "")
        let format = schema["format"]?.stringValue ?? ""
        switch type {
        case "object":
            guard let members = value.objectMembers else { throw fail("expected an object") }
            if let additional = schema["additionalProperties"], schema["properties"] == nil {
                if additional.objectMembers?.isEmpty == true { return }
                for (key, member) in members { try validate(member, additional, at: "\(path).\(key)") }
                return
            }
            let properties = schema["properties"]?.objectMembers ?? []
            let keys = members.map(\.0)
            guard Set(keys).count == keys.count else { throw fail("duplicate keys") }
            let known = Set(properties.map(\.0))
            for key in keys where !known.contains(key) { throw fail("field \(key) does not exist in lnd's \(name ?? "message")") }
            let groups = (name.flatMap { SwaggerValidator.oneofs[$0] } ?? []) + extraOneofs
            let oneofMembers = groups.reduce(Set<String>()) { $0.union($1) }
            for (key, _) in properties where !oneofMembers.contains(key) {
                guard keys.contains(key) else { throw fail("missing field \(key) (lnd emits every non-oneof field)") }
            }
            for group in groups {
                let present = keys.filter { group.contains($0) }
                guard present.count == 1 else { throw fail("oneof \(group.sorted()) must have exactly one member, has \(present)") }
            }
            for (key, member) in members {
                guard let propertySchema = properties.first(where: { $0.0 == key })?.1 else { continue }
                try validate(member, propertySchema, at: "\(path).\(key)")
            }
        case "array":
            guard let items = value.arrayValue else { throw fail("expected an array") }
            for (index, item) in items.enumerated() { try validate(item, schema["items"] ?? .null, at: "\(path)[\(index)]") }
        case "string":
            guard let text = value.stringValue else { throw fail("expected a string") }
            switch format {
            case "int64":
                guard Int64(text) != nil else { throw fail("expected an int64 as a decimal string") }
            case "uint64":
                guard UInt64(text) != nil else { throw fail("expected a uint64 as a decimal string") }
            case "byte":
                guard Data(base64Encoded: text) != nil else { throw fail("expected standard padded base64") }
            default:
                break
            }
        case "integer":
            switch value {
            case .integer, .unsigned: break
            default: throw fail("expected a JSON number (32-bit ints are numbers in protojson)")
            }
        case "boolean":
            guard value.boolValue != nil else { throw fail("expected a boolean") }
        case "number":
            switch value {
            case .integer, .unsigned, .double: break
            default: throw fail("expected a number")
            }
        default:
            if name == "protobufAny" { return }
            throw fail("schema without a type")
        }
    }
}
