#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How `status` and `unlock status` print: sorted, indented JSON with ISO 8601 times, and the
/// same times in text. Times go through UTCTimestamp, never Foundation's ICU-backed formatters:
/// the daemon answers `status` itself.
enum ReportFormat {
    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(UTCTimestamp.string(date))
        }
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "{}"
    }

    static func time(_ date: Date?) -> String { date.map(UTCTimestamp.string) ?? "never" }
}
