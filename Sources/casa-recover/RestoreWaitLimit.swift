import ArgumentParser

/// `restore --wait-limit`: "90s", "30m", "2h", or a bare number of minutes.
enum RestoreWaitLimit {
    static func parse(_ text: String) throws -> Duration {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3_600]
        var digits = Substring(text)
        var unit: Int64 = 60
        if let last = text.last, let factor = units[last] {
            unit = factor
            digits = text.dropLast()
        }
        guard let value = Int64(digits), value >= 1, value <= 30 * 24 * 3_600 / unit else {
            throw ValidationError("--wait-limit \(text): give a duration such as 90s, 30m or 2h (a bare number is minutes)")
        }
        return .seconds(value * unit)
    }
}
