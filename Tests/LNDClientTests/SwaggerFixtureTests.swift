import Foundation
import Testing

/// Every recorded fixture must use lnd's exact field names and JSON types (lnd-api/*.swagger.json):
/// a typo in a fixture would otherwise let a wrong model pass its own tests.
@Suite("LNDClientFixtures match lnd's swagger")
struct SwaggerFixtureTests {
    nonisolated(unsafe) static let definitions: [String: [String: Any]] = {
        var all: [String: [String: Any]] = [:]
        for file in ["lightning", "signer", "stateservice", "walletunlocker"] {
            let url = LNDClientFixtures.vectors.appendingPathComponent("lnd-api/\(file).swagger.json")
            guard let data = try? Data(contentsOf: url),
                  let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let definitions = json["definitions"] as? [String: [String: Any]] else { continue }
            all.merge(definitions) { first, _ in first }
        }
        return all
    }()

    @Test("swagger definitions are present")
    func swaggerLoaded() {
        #expect(Self.definitions["lnrpcChanBackupSnapshot"] != nil)
        #expect(Self.definitions["signrpcSharedKeyRequest"] != nil)
    }

    @Test("every fixture field exists in its swagger schema with the right JSON type", arguments: LNDClientFixtures.allNames)
    func fixtureMatchesSchema(name: String) throws {
        let file = try LNDClientFixtures.file(name)
        let definition = try #require(file["_definition"] as? String)
        var problems: [String] = []
        validate(file["message"] as Any, against: ["$ref": "#/definitions/\(definition)"], path: name, problems: &problems)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("the validator catches a wrong field name and a number where lnd sends a string")
    func validatorCatchesMistakes() {
        var problems: [String] = []
        validate(["capacity": 5, "remote_pub_key": "x"], against: ["$ref": "#/definitions/lnrpcChannel"], path: "t", problems: &problems)
        #expect(problems.count == 2)
    }

    /// JSONSerialization gives NSNumber for both numbers and booleans; booleans have objCType "c".
    private func isBoolean(_ value: Any) -> Bool {
        if type(of: value) == Bool.self { return true }
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    private func validate(_ value: Any, against schema: [String: Any], path: String, problems: inout [String]) {
        if let ref = schema["$ref"] as? String {
            let name = String(ref.split(separator: "/").last ?? "")
            guard let resolved = Self.definitions[name] else {
                problems.append("\(path): unknown definition \(name)")
                return
            }
            validate(value, against: resolved, path: path, problems: &problems)
            return
        }
        let type = schema["type"] as? String
        let format = schema["format"] as? String
        switch type {
        case "object":
            guard let object = value as? [String: Any] else { problems.append("\(path): expected an object"); return }
            if let properties = schema["properties"] as? [String: [String: Any]] {
                for (key, member) in object {
                    guard let memberSchema = properties[key] else { problems.append("\(path).\(key): not a field of this message"); continue }
                    validate(member, against: memberSchema, path: "\(path).\(key)", problems: &problems)
                }
            } else if let additional = schema["additionalProperties"] as? [String: Any] {
                for (key, member) in object { validate(member, against: additional, path: "\(path).\(key)", problems: &problems) }
            }
        case "array":
            guard let array = value as? [Any] else { problems.append("\(path): expected an array"); return }
            let items = schema["items"] as? [String: Any] ?? [:]
            for (i, element) in array.enumerated() { validate(element, against: items, path: "\(path)[\(i)]", problems: &problems) }
        case "string":
            guard let text = value as? String else { problems.append("\(path): expected a string (\(format ?? "text"))"); return }
            if format == "int64" || format == "uint64" {
                if Int64(text) == nil && UInt64(text) == nil { problems.append("\(path): not a 64-bit integer string") }
            }
            if format == "byte", Data(base64Encoded: text) == nil { problems.append("\(path): not standard base64") }
            if let allowed = schema["enum"] as? [String], !allowed.contains(text) { problems.append("\(path): \(text) is not an enum name") }
        case "integer":
            if !(value is NSNumber) || isBoolean(value) { problems.append("\(path): expected a number") }
        case "boolean":
            if !isBoolean(value) { problems.append("\(path): expected a boolean") }
        default:
            if schema["properties"] != nil { validate(value, against: schema.merging(["type": "object"]) { $1 }, path: path, problems: &problems) }
        }
    }
}
