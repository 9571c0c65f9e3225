@testable import BackupAgent
import Testing

@Suite("Side by side")
struct SideBySideTests {
    struct Failed: Error, Equatable {}

    @Test("Both results come back, and one failing keeps the other")
    func bothResults() throws {
        let (a, b) = SideBySide.run({ (1...1000).reduce(0, +) }, { String(repeating: "x", count: 3) })
        #expect(try a.get() == 500_500 && b.get() == "xxx")
        let (failed, kept) = SideBySide.run({ () throws -> Int in throw Failed() }, { 7 })
        #expect(throws: Failed.self) { try failed.get() }
        #expect(try kept.get() == 7)
    }
}
