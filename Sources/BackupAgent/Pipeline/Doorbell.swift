import Synchronization

/// Wakes one waiting task when something happened (a snapshot saved, keys derived). Rings
/// coalesce: a sleeper sees at most one pending ring, so no work is queued twice, and a ring
/// while nobody waits is kept for the next wait. One waiter at a time.
public final class Doorbell: Sendable {
    private struct State {
        var pending = false
        var finished = false
        var waiter: CheckedContinuation<Bool, Never>?
    }

    private let state = Mutex(State())

    public init() {}

    public func ring() {
        let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard let waiter = state.waiter else {
                state.pending = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: true)
    }

    /// Returns true after the next ring (at once if one is pending); false when finished or
    /// when the waiting task is cancelled.
    public func wait() async -> Bool {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let immediate = state.withLock { state -> Bool? in
                    if state.finished || Task.isCancelled { return false }
                    if state.pending {
                        state.pending = false
                        return true
                    }
                    state.waiter = continuation
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            wakeWaiter(returning: false)
        }
    }

    /// Ends every present and future wait (shutdown).
    public func finish() {
        state.withLock { $0.finished = true }
        wakeWaiter(returning: false)
    }

    private func wakeWaiter(returning value: Bool) {
        let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: value)
    }
}
