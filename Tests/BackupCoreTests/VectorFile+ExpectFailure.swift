import TestSupport
import Testing

extension VectorFile {
    /// For a failure vector: `open` must throw an `E` that `table[expect]` accepts.
    func expectFailure<E: Error>(_ table: [String: @Sendable (E) -> Bool], _ open: () throws -> Void) throws {
        let expect = try field("expect")
        let matches = try #require(table[expect], "unknown expect: \(expect)")
        do {
            try open()
            Issue.record("\(name) opened, expected \(expect)")
        } catch let error as E {
            #expect(matches(error), "\(name): got \(error), expected \(expect)")
        }
    }
}
