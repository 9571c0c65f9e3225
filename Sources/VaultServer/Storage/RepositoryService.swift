import BlobStorage
import Logging
import ServiceLifecycle
import VaultAPI

/// Runs retention passes in the background and closes the repository after the HTTP server
/// has finished its in-flight requests (services stop in reverse order of start).
struct RepositoryService: Service {
    let repository: any VaultRepository
    let retentionInterval: Int64
    let clock: VaultClock
    let logger: Logger

    func run() async throws {
        if retentionInterval > 0 {
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                do {
                    let pruned = try await RetentionPass(repository: repository, clock: clock).run()
                    if pruned > 0 { logger.info("retention pruned \(pruned) versions") }
                } catch {
                    logger.error("retention pass failed: \(String(describing: error))")
                }
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(retentionInterval)) }
            }
        } else {
            try? await gracefulShutdown()
        }
        try await repository.close()
    }
}

/// One retention pass over every account: deletes the versions its policy lets go (by age only,
/// with a daily survivor per writer).
public struct RetentionPass: Sendable {
    public let repository: any VaultRepository
    public let clock: VaultClock

    public init(repository: any VaultRepository, clock: VaultClock = .system) {
        self.repository = repository
        self.clock = clock
    }

    /// Returns how many versions were deleted.
    public func run() async throws -> Int {
        var pruned = 0
        for account in try await repository.listAccounts() {
            pruned += try await run(account)
        }
        return pruned
    }

    /// One account only (tests sharing a database must not prune each other's accounts with
    /// their own clocks). Returns how many versions were deleted.
    public func run(_ account: AccountRecord) async throws -> Int {
        guard account.policy.retention.keepAllDays != nil else { return 0 }
        var pruned = 0
        let now = clock.now()
        for summary in try await repository.listBlobs(account.id) {
            var all: [BlobInfo] = []
            var after: UInt64? = nil
            while true {
                let page = try await repository.versions(account.id, summary.name, after: after, limit: 1000)
                all += page
                guard page.count == 1000, let last = page.last else { break }
                after = last.version
            }
            let writers = try await repository.writers(account.id, summary.name)
            for info in account.policy.retention.prunable(all, now: now, writer: { writers[$0.version] }) {
                pruned += try await repository.deleteBlob(account.id, info.name, version: info.version)
            }
        }
        return pruned
    }
}
