import struct Foundation.Date

/// Retention by age only, never by count (docs/vault-api.md, "Retention"): a device key uploading
/// junk can add versions but never push another writer's good ones out.
///
/// A version is kept when it is younger than `keepAllDays`, or when it is its writer's newest
/// version of its UTC day and younger than `keepDailyDays`, or when it is the latest version of
/// its name. The daily survivor is chosen per writer (the key that signed the put): the vault
/// cannot read the ciphertext, so it cannot tell junk from good, but it knows who uploaded what,
/// and one device's last upload of the day never displaces another's (review M1b).
/// `keepAllDays == nil` keeps everything forever.
public struct RetentionPolicy: Codable, Sendable, Hashable {
    public var keepAllDays: Int?
    public var keepDailyDays: Int

    public init(keepAllDays: Int?, keepDailyDays: Int) {
        self.keepAllDays = keepAllDays
        self.keepDailyDays = keepDailyDays
    }

    /// Everything for 30 days, then one a day per writer for a year.
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

    /// A UTC day and the key that wrote a version on it (nil: unknown, e.g. stored before writers were recorded).
    private struct DayOfWriter: Hashable {
        let day: Int64
        let writer: [UInt8]?
    }

    /// The versions of one name that this policy lets a retention pass delete at `now`.
    /// Decided by age alone; the latest version is always kept, and each writer's newest version
    /// of a day is its daily survivor. `writer` gives the key that uploaded a version.
    public func prunable(_ versions: [BlobInfo], now: Date, writer: (BlobInfo) -> [UInt8]? = { _ in nil }) -> [BlobInfo] {
        guard let keepAllDays, let latest = versions.map(\.version).max() else { return [] }
        let nowMs = now.unixMilliseconds
        func key(_ info: BlobInfo) -> DayOfWriter {
            DayOfWriter(day: info.storedAt.unixMilliseconds / Self.dayMilliseconds, writer: writer(info))
        }
        var newestOfDay: [DayOfWriter: UInt64] = [:]
        for info in versions {
            newestOfDay[key(info)] = max(newestOfDay[key(info)] ?? 0, info.version)
        }
        return versions.filter { info in
            let ageMs = nowMs - info.storedAt.unixMilliseconds
            if info.version == latest || ageMs < Int64(keepAllDays) * Self.dayMilliseconds { return false }
            let isDaily = newestOfDay[key(info)] == info.version
            return !(isDaily && ageMs < Int64(keepDailyDays) * Self.dayMilliseconds)
        }
    }
}
