import struct Foundation.Date

/// Stores keep time as integer Unix milliseconds so that every backend returns the same `Date`.
extension Date {
    public init(unixMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(unixMilliseconds) / 1000)
    }

    public var unixMilliseconds: Int64 {
        Int64((timeIntervalSince1970 * 1000).rounded())
    }

    /// Whole Unix seconds (rounded down), as used in signed-request timestamps.
    public var unixSeconds: Int64 {
        Int64(timeIntervalSince1970.rounded(.down))
    }
}
