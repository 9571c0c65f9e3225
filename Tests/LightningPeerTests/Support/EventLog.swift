import Foundation
import Synchronization

/// Collects events from other threads; `waitFor` polls with a bounded deadline.
final class EventLog<Event: Sendable>: Sendable {
    private let events = Mutex<[Event]>([])

    @Sendable func append(_ event: Event) {
        events.withLock { $0.append(event) }
    }

    var all: [Event] { events.withLock { $0 } }

    /// True once an event matches; false after `timeout`.
    func waitFor(timeout: Duration = .seconds(20), _ match: (Event) -> Bool) throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if events.withLock({ $0.contains(where: match) }) { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return false
    }
}
