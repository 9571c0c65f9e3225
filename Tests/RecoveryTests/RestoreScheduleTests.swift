import Recovery
import Testing

/// Waiting for SERVER_ACTIVE starts with short pauses and backs off to the configured interval.
@Suite struct RestoreScheduleTests {
    @Test func serverPollPausesDoubleUpToTheInterval() {
        let schedule = RestoreSchedule(serverPollInterval: .seconds(5))
        #expect((0..<8).map { schedule.serverPollPause(after: $0) }
                == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800),
                    .milliseconds(1600), .milliseconds(3200), .seconds(5), .seconds(5)])
        #expect(schedule.serverPollPause(after: 10_000) == .seconds(5))
    }
}
