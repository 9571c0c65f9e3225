import Prometheus
import Synchronization

/// Prometheus metrics of one vault process (`GET /metrics`).
///
/// The per-request series are looked up once per route, method and status and then reused:
/// the registry validates names and labels on every `make…` call, too much for every request.
public final class VaultMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
    ]

    private struct SeriesKey: Hashable {
        let route: String
        let method: String
        let status: Int
    }

    private struct Series: Sendable {
        let requests: Counter
        let duration: DurationHistogram
    }

    private let series = Mutex<[SeriesKey: Series]>([:])
    private let bytesWritten: Counter
    /// The group committer's cumulative figures, as counters (`_total`, Prometheus naming); each
    /// scrape adds what changed since the last one it saw.
    private let putBatches: Counter
    private let putBatchItems: Counter
    private let putBatchCommitSeconds: Counter
    private let putBatchesSeen = Mutex(GroupCommitStats(batches: 0, items: 0, commitSeconds: 0))

    public init() {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        bytesWritten = registry.makeCounter(name: "casa_vault_blob_bytes_written_total")
        putBatches = registry.makeCounter(name: "casa_vault_put_batches_total")
        putBatchItems = registry.makeCounter(name: "casa_vault_put_batch_items_total")
        putBatchCommitSeconds = registry.makeCounter(name: "casa_vault_put_batch_commit_seconds_total")
    }

    func record(route: String, method: String, status: Int, duration: Duration) {
        let key = SeriesKey(route: route, method: method, status: status)
        let found = series.withLock { $0[key] } ?? makeSeries(key)
        found.requests.increment()
        found.duration.recordNanoseconds(duration.nanoseconds)
    }

    private func makeSeries(_ key: SeriesKey) -> Series {
        let made = Series(
            requests: registry.makeCounter(
                name: "casa_vault_requests_total",
                labels: [("route", key.route), ("method", key.method), ("status", String(key.status))]),
            duration: registry.makeDurationHistogram(
                name: "casa_vault_request_duration_seconds", labels: [("route", key.route)], buckets: latencyBuckets))
        series.withLock { $0[key] = made }
        return made
    }

    func recordPut(bytes: Int) {
        bytesWritten.increment(by: Int64(bytes))
    }

    func setTotals(accounts: Int, bytes: Int64) {
        registry.makeGauge(name: "casa_vault_accounts").set(to: Double(accounts))
        registry.makeGauge(name: "casa_vault_stored_bytes").set(to: Double(bytes))
    }

    func setPutBatches(_ stats: GroupCommitStats) {
        let before = putBatchesSeen.withLock { seen in
            defer { seen = stats }
            return seen
        }
        putBatches.increment(by: Int64(max(0, stats.batches - before.batches)))
        putBatchItems.increment(by: Int64(max(0, stats.items - before.items)))
        putBatchCommitSeconds.increment(by: max(0, stats.commitSeconds - before.commitSeconds))
    }

    func render() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
