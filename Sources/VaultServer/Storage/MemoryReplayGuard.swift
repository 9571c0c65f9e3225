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

    /// `forgotEarlierRequests`: this process serves data that earlier processes served (a
    /// SQLite vault restarted): it cannot know what they accepted, so the authenticator refuses
    /// what might have been signed before `startedAt`. A fresh store (a new database, the memory
    /// backend) has nothing to replay and refuses nothing for it.
    public init(startedAt: Date = Date(), forgotEarlierRequests: Bool = false) {
        notBefore = forgotEarlierRequests ? startedAt.unixMilliseconds : 0
    }

    public func consume(_ token: String, expiresAt: Int64, now: Int64) -> Bool {
        state.withLock { state in
            // Forget expired tokens from the front (a token is valid up to and including its
            // expiry millisecond, so it is remembered through it). Expiries are nearly in arrival order; one that
            // is not is kept a little longer, never forgotten early.
            while state.head < state.arrivals.count, state.arrivals[state.head].expiresAt < now {
                let old = state.arrivals[state.head]
                if state.expiries[old.token] == old.expiresAt { state.expiries[old.token] = nil }
                state.head += 1
            }
            if state.head > 4096, state.head * 2 > state.arrivals.count {
                state.arrivals.removeFirst(state.head)
                state.head = 0
            }
            if let existing = state.expiries[token], existing >= now { return false }
            state.expiries[token] = expiresAt
            state.arrivals.append((token, expiresAt))
            return true
        }
    }
}
