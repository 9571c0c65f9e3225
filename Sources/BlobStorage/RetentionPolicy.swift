import struct Foundation.Date

/// Retention by age only, never by count (docs/vault-api.md, "Retention"): a compromised device
/// uploading junk can add versions but never push good ones out.
///
/// A version is kept when it is younger than `keepAllDays`, or when it is the newest version of
/// its UTC day and younger than `keepDailyDays`, or when it is the latest version of its name.
/// `keepAllDays == nil` keeps everything forever.
public struct RetentionPolicy: Codable, Sendable, Hashable {
    public var keepAllDays: Int?
    public var keepDailyDays: Int

    public init(keepAllDays: Int?, keepDailyDays: Int) {
        self.keepAllDays = keepAllDays
        self.keepDailyDays = keepDailyDays
    }

    /// Everything for 30 days, then one a day for a year.
    public static let `default` = RetentionPolicy(keepAllDays: 30, keepDailyDays: 365)
    public static let keepForever = RetentionPolicy(keepAllDays: nil, keepDailyDays: 0)

    enum CodingKeys: String, CodingKey {
        case keepAllDays, keepDailyDays
    }

    /// A missing field takes the default's value; `"keepAllDays": null` (and only that) keeps
    /// everything. Before, a policy without `keepAllDays` kept everything forever.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        keepAllDays = c.contains(.keepAllDays) ? try c.decode(Int?.self, forKey: .keepAllDays) : Self.default.keepAllDays
        keepDailyDays = try c.decodeIfPresent(Int.self, forKey: .keepDailyDays) ?? Self.default.keepDailyDays
    }

    /// Both fields always, `keepAllDays` as null when everything is kept.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(keepAllDays, forKey: .keepAllDays)
        try c.encode(keepDailyDays, forKey: .keepDailyDays)
    }

    public var problem: String? {
        if let all = keepAllDays, !(1...36500).contains(all) {
            return "retention.keepAllDays must be between 1 and 36500, or null to keep everything"
        }
        if !(0...36500).contains(keepDailyDays) { return "retention.keepDailyDays must be between 0 and 36500" }
        return nil
    }
}

extension RetentionPolicy {
    private static let dayMilliseconds: Int64 = 86_400_000

    /// The versions of one name that this policy lets a retention pass delete at `now`.
    /// Decided by age alone; the latest version is always kept.
    public func prunable(_ versions: [BlobInfo], now: Date) -> [BlobInfo] {
        guard let keepAllDays, let latest = versions.map(\.version).max() else { return [] }
        let nowMs = now.unixMilliseconds
        // The newest version stored on each UTC day.
        var newestOfDay: [Int64: UInt64] = [:]
        for info in versions {
            let day = info.storedAt.unixMilliseconds / Self.dayMilliseconds
            newestOfDay[day] = max(newestOfDay[day] ?? 0, info.version)
        }
        return versions.filter { info in
            let ageMs = nowMs - info.storedAt.unixMilliseconds
            if info.version == latest || ageMs < Int64(keepAllDays) * Self.dayMilliseconds { return false }
            let isDaily = newestOfDay[info.storedAt.unixMilliseconds / Self.dayMilliseconds] == info.version
            return !(isDaily && ageMs < Int64(keepDailyDays) * Self.dayMilliseconds)
        }
    }
}
