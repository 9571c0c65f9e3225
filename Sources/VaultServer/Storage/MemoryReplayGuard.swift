import struct Foundation.Date
import BlobStorage
import Synchronization

/// A per-process replay record, for the SQLite and memory backends (one process per database).
/// Tokens are forgotten in arrival order once expired (amortised O(1) per request, no pauses
/// to sweep), so memory stays bounded by the request rate times the freshness window.
public final class MemoryReplayGuard: ReplayGuard {
    private struct State: ~Copyable {
        var expiries: [String: Int64] = [:]
        /// Tokens in arrival order; `head` is the first one not yet looked at for expiry.
        var arrivals: [(token: String, expiresAt: Int64)] = []
        var head = 0
    }

    private let state = Mutex(State())
    public let notBefore: Int64

    public init(startedAt: Date = Date()) {
        notBefore = startedAt.unixMilliseconds
    }

    public func consume(_ token: String, expiresAt: Int64, now: Int64) -> Bool {
        state.withLock { state in
            // Forget expired tokens from the front. Expiries are nearly in arrival order; one that
            // is not is kept a little longer, never forgotten early.
            while state.head < state.arrivals.count, state.arrivals[state.head].expiresAt <= now {
                let old = state.arrivals[state.head]
                if state.expiries[old.token] == old.expiresAt { state.expiries[old.token] = nil }
                state.head += 1
            }
            if state.head > 4096, state.head * 2 > state.arrivals.count {
                state.arrivals.removeFirst(state.head)
                state.head = 0
            }
            if let existing = state.expiries[token], existing > now { return false }
            state.expiries[token] = expiresAt
            state.arrivals.append((token, expiresAt))
            return true
        }
    }
}
