import BlobStorage
import Foundation
import Testing

/// The policy JSON of docs/vault-api.md "Retention": a missing field takes its default, and only
/// an explicit `"keepAllDays": null` keeps everything (issue 17: a policy without `keepAllDays`
/// used to keep everything forever).
@Suite struct RetentionPolicyCodingTests {
    func decode(_ json: String) throws -> RetentionPolicy {
        try JSONDecoder().decode(RetentionPolicy.self, from: Data(json.utf8))
    }

    @Test func missingFieldsTakeTheDefaults() throws {
        #expect(try decode(#"{"keepDailyDays":7}"#) == RetentionPolicy(keepAllDays: 30, keepDailyDays: 7))
        #expect(try decode(#"{"keepAllDays":5}"#) == RetentionPolicy(keepAllDays: 5, keepDailyDays: 365))
        #expect(try decode("{}") == .default)
    }

    @Test func onlyAnExplicitNullKeepsEverything() throws {
        #expect(try decode(#"{"keepAllDays":null,"keepDailyDays":0}"#) == .keepForever)
    }

    @Test func encodingAlwaysWritesBothFields() throws {
        let json = String(decoding: try JSONEncoder().encode(RetentionPolicy.keepForever), as: UTF8.self)
        #expect(json.contains(#""keepAllDays":null"#) && json.contains(#""keepDailyDays":0"#))
        #expect(try decode(json) == .keepForever)
    }
}
