import Synchronization

/// Wall-clock time per phase of one command run (`casa-recover restore --timings`): a stopwatch
/// whose laps are charged to named phases. The code is sequential, so each `lap` charges the time
/// since the previous lap (or since `init`) to its phase; a phase lapped several times adds up.
public final class PhaseTimings: Sendable {
    private struct State {
        var last: ContinuousClock.Instant
        var phases: [(name: String, duration: Duration)] = []
    }

    private let state: Mutex<State>

    public init() {
        state = Mutex(State(last: .now))
    }

    /// Charges the time since the previous lap to `phase`.
    public func lap(_ phase: String) {
        let now = ContinuousClock.now
        state.withLock { state in
            let elapsed = now - state.last
            state.last = now
            if let index = state.phases.firstIndex(where: { $0.name == phase }) {
                state.phases[index].duration += elapsed
            } else {
                state.phases.append((phase, elapsed))
            }
        }
    }

    /// Each phase in the order it first ran, in milliseconds.
    public var milliseconds: [(phase: String, milliseconds: Double)] {
        state.withLock { $0.phases.map { ($0.name, Self.milliseconds($0.duration)) } }
    }

    /// One line per phase, `timing: key derivation 1234.5 ms 40.1%`, then the total. Phases in
    /// `uncounted` are listed as `after`, outside the total and the shares.
    public func report(uncounted: Set<String> = []) -> String {
        let phases = milliseconds
        let total = phases.filter { !uncounted.contains($0.phase) }.reduce(0) { $0 + $1.milliseconds }
        var lines = phases.map { phase in
            let share = uncounted.contains(phase.phase) ? "after" : "\(Self.format(total > 0 ? 100 * phase.milliseconds / total : 0))%"
            return "timing: \(phase.phase) \(Self.format(phase.milliseconds)) ms \(share)"
        }
        lines.append("timing: total \(Self.format(total)) ms")
        return lines.joined(separator: "\n")
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    static func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}
