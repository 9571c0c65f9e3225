import struct Foundation.Date
import BlobStorage

/// A per-process replay record, for the SQLite and memory backends (one process per database).
/// Expired tokens are swept as new ones arrive, so memory stays bounded by the request rate
/// times the freshness window.
public actor MemoryReplayGuard: ReplayGuard {
    private var expiries: [String: Int64] = [:]
    private var nextSweep: Int64 = 0
    public nonisolated let notBefore: Int64

    public init(startedAt: Date = Date()) {
        notBefore = startedAt.unixMilliseconds
    }

    public func consume(_ token: String, expiresAt: Int64, now: Int64) -> Bool {
        if now >= nextSweep {
            expiries = expiries.filter { $0.value > now }
            nextSweep = now + 10_000
        }
        if let existing = expiries[token], existing > now { return false }
        expiries[token] = expiresAt
        return true
    }
}
