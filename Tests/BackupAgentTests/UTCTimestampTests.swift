import BackupAgent
import Foundation
import Testing

@Suite("UTCTimestamp: ISO 8601 UTC without ICU")
struct UTCTimestampTests {
    @Test("known instants, calendar edges included")
    func knownInstants() {
        let cases: [(TimeInterval, String)] = [
            (0, "1970-01-01T00:00:00Z"),
            (-1, "1969-12-31T23:59:59Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),  // leap day of a year divisible by 400
            (951_868_799, "2000-02-29T23:59:59Z"),
            (1_709_164_800, "2024-02-29T00:00:00Z"),
            (1_795_666_556.9, "2026-11-26T04:15:56Z"),  // fractions are cut, as by .iso8601
            (4_107_542_400, "2100-03-01T00:00:00Z"),  // 2100 is no leap year
            (253_402_300_799, "9999-12-31T23:59:59Z"),
        ]
        for (seconds, expected) in cases {
            #expect(UTCTimestamp.string(Date(timeIntervalSince1970: seconds)) == expected)
        }
    }

    @Test("same text as Foundation's ISO8601DateFormatter over 10,000 instants from 1900 to 2200")
    func matchesFoundation() {
        let formatter = ISO8601DateFormatter()
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<10_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407  // PCG step
            let seconds = -2_208_988_800 + Int64(state >> 33) % 9_467_280_000
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(UTCTimestamp.string(date) == formatter.string(from: date), "at \(seconds)")
        }
    }
}
