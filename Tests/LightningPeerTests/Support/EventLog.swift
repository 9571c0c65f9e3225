import Foundation

/// Collects events from other threads; `waitFor` wakes on each new event (bounded by a deadline).
final class EventLog<Event: Sendable>: @unchecked Sendable {
    private var events: [Event] = []
    private let condition = NSCondition()

    @Sendable func append(_ event: Event) {
        condition.lock()
        events.append(event)
        condition.broadcast()
        condition.unlock()
    }

    var all: [Event] {
        condition.lock()
        defer { condition.unlock() }
        return events
    }

    /// True once an event matches; false after `timeout`.
    func waitFor(timeout: Duration = .seconds(20), _ match: (Event) -> Bool) throws -> Bool {
        let deadline = Date().addingTimeInterval(Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18)
        condition.lock()
        defer { condition.unlock() }
        while !events.contains(where: match) {
            if !condition.wait(until: deadline) { return events.contains(where: match) }
        }
        return true
    }
}
