import Prometheus

/// Prometheus metrics of one vault process (`GET /metrics`).
public final class VaultMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
    ]

    public init() {}

    func record(route: String, method: String, status: Int, duration: Duration) {
        registry.makeCounter(
            name: "casa_vault_requests_total",
            labels: [("route", route), ("method", method), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            name: "casa_vault_request_duration_seconds", labels: [("route", route)], buckets: latencyBuckets
        ).recordNanoseconds(duration.nanoseconds)
    }

    func recordPut(bytes: Int) {
        registry.makeCounter(name: "casa_vault_blob_bytes_written_total").increment(by: Int64(bytes))
    }

    func setTotals(accounts: Int, bytes: Int64) {
        registry.makeGauge(name: "casa_vault_accounts").set(to: Double(accounts))
        registry.makeGauge(name: "casa_vault_stored_bytes").set(to: Double(bytes))
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
