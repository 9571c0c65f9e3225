import Foundation

/// Durations of named phases for the opt-in benchmarks: each call adds one sample; medians
/// are read at the end. A measurement helper, never an assertion.
public struct PhaseSamples: Sendable {
    public private(set) var samples: [String: [Double]] = [:]

    public init() {}

    /// Runs `body`, adds its duration (seconds) to `phase` and returns its result.
    public mutating func time<T>(_ phase: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        record(phase, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        return result
    }

    public mutating func record(_ phase: String, seconds: Double) {
        samples[phase, default: []].append(seconds)
    }

    /// The median of `phase` in seconds (0 without samples).
    public func median(_ phase: String) -> Double {
        let sorted = (samples[phase] ?? []).sorted()
        return sorted.isEmpty ? 0 : sorted[(sorted.count - 1) / 2]
    }
}
