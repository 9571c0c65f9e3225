import BlobStorage
import Hummingbird
import VaultAPI

/// Unauthenticated routes: health, metrics and challenges.
struct SystemController: Sendable {
    let repository: any VaultRepository
    let metrics: VaultMetrics
    let challenges: ChallengeIssuer
    let clock: VaultClock
    /// The proof of work a new account needs (nil: none), announced with every challenge.
    let workBits: Int?

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
            var challenge = challenges.issue(now: clock.milliseconds())
            challenge.workBits = workBits
            return try Response.json(challenge)
        }
    }
}
