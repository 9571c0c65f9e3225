import BlobStorage
import Hummingbird
import VaultAPI

/// Unauthenticated routes: health, metrics and challenges.
struct SystemController: Sendable {
    let repository: any VaultRepository
    let metrics: VaultMetrics
    let challenges: ChallengeIssuer
    let clock: VaultClock

    func addRoutes(to router: Router<VaultRequestContext>) {
        router.get(RouterPath(VaultPath.health)) { _, _ in
            try Response.json(HealthResponse(status: "ok", serverTime: clock.milliseconds()))
        }
        router.get(RouterPath(VaultPath.metrics)) { _, _ in
            let totals = try await repository.totals()
            metrics.setTotals(accounts: totals.accounts, bytes: totals.bytes)
            if let batches = repository.putBatches { metrics.setPutBatches(batches) }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.render())))
        }
        router.post(RouterPath(VaultPath.challenges)) { _, _ in
            try Response.json(challenges.issue(now: clock.milliseconds()))
        }
    }
}
