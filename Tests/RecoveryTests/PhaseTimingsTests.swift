import Recovery
import Testing

/// `casa-recover restore --timings`: laps are charged to their phase, repeated laps add up, and
/// the report's total leaves out the phases after the measured part.
@Suite struct PhaseTimingsTests {
    @Test func lapsAddUpPerPhaseInFirstSeenOrder() {
        let timings = PhaseTimings()
        timings.lap("a")
        timings.lap("b")
        timings.lap("a")
        timings.lap("after")
        let phases = timings.milliseconds
        #expect(phases.map(\.phase) == ["a", "b", "after"])
        #expect(phases.allSatisfy { $0.milliseconds >= 0 })
    }

    @Test func theReportCountsOnlyTheMeasuredPhases() throws {
        let timings = PhaseTimings()
        timings.lap("key derivation")
        timings.lap("follow-through")
        let lines = timings.report(uncounted: ["follow-through"]).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("timing: key derivation ") && lines[0].hasSuffix("%"))
        #expect(lines[1].hasPrefix("timing: follow-through ") && lines[1].hasSuffix(" ms after"))
        // The total is the counted phase alone.
        let counted = try #require(timings.milliseconds.first).milliseconds
        #expect(lines[2] == "timing: total \(Self.tenths(counted)) ms")
    }

    static func tenths(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
