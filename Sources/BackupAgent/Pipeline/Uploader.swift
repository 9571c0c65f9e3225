public import BlobStorage
public import Foundation
public import Logging
import Sodium

/// Drains the persisted upload queue to the vault, oldest first, one version per snapshot
/// (docs/agent.md "Uploads"). Woken by the pipeline; while the vault is unreachable it waits
/// out the store's backoff (possibly days) and flushes in order when the vault returns.
///
/// Idempotent by snapshot hash: before putting, it compares the vault's latest version with
/// the snapshot, so a put that reached the vault just before a crash is not stored twice.
public actor Uploader {
    private let store: any SnapshotStore
    private let vault: any BlobStore
    private let status: AgentStatus
    private let logger: Logger
    private let clock: @Sendable () -> Date
    /// Where the uploads go: the blob ID of `scb/multi`, known once keys were derived (and
    /// remembered in the configuration so the queue drains at boot while lnd is locked).
    private var blobName: BlobName?
    /// The vault's latest version and hash of `blobName`, as last seen.
    private var vaultLatest: (version: UInt64, hash: ContentHash?)?
    public nonisolated let wake = Doorbell()

    public init(
        store: any SnapshotStore, vault: any BlobStore, blobName: BlobName?, status: AgentStatus, logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.vault = vault
        self.blobName = blobName
        self.status = status
        self.logger = logger
        self.clock = clock
    }

    public func setBlobName(_ name: BlobName) {
        if blobName != name { vaultLatest = nil }
        blobName = name
        wake.ring()
    }

    /// Runs until cancelled: uploads what is due, then sleeps until woken or the next retry.
    public func run() async {
        while !Task.isCancelled {
            let retryAt = await drain()
            if let retryAt {
                let delay = max(0, retryAt.timeIntervalSince(clock()))
                await sleepOrWake(seconds: delay)
            } else if !(await wake.wait()) {
                return
            }
        }
    }

    /// Uploads every due job in order. Returns when to retry the next one, or nil when the
    /// queue is empty (or the blob name is still unknown).
    @discardableResult
    public func drain() async -> Date? {
        while !Task.isCancelled {
            guard let blobName else { return nil }
            let job: PendingUpload?
            do {
                job = try store.nextUpload()
                status.update { $0.queueDepth = (try? store.pendingUploadCount()) ?? $0.queueDepth }
            } catch {
                logger.error("upload queue: \(error)")
                return clock().addingTimeInterval(60)
            }
            guard let job else { return nil }
            if job.notBefore > clock() { return job.notBefore }
            do {
                try await upload(job, to: blobName)
                let now = clock()
                try store.markUploaded(job, at: now)
                status.uploaded(sequence: job.snapshot.info.sequence, at: now)
                status.update { $0.queueDepth = (try? store.pendingUploadCount()) ?? 0 }
            } catch is CancellationError {
                return nil
            } catch {
                vaultLatest = nil
                let message = String(describing: error)
                status.update {
                    $0.uploadFailures += 1
                    $0.lastUploadError = message
                }
                logger.warning("upload of snapshot #\(job.snapshot.info.sequence) failed: \(message)")
                do {
                    return try store.markUploadFailed(job, error: message, at: clock())
                } catch {
                    logger.error("upload queue: \(error)")
                    return clock().addingTimeInterval(60)
                }
            }
        }
        return nil
    }

    /// Puts one snapshot as the vault's next version, unless the vault already has it.
    private func upload(_ job: PendingUpload, to name: BlobName) async throws {
        let hash = try ContentHash(job.snapshot.info.contentHash)
        for _ in 0..<3 {
            let latest = try await knownLatest(of: name)
            if latest.hash == hash { return }  // Reached the vault before a crash or a lost reply.
            do {
                let info = try await vault.put(name, version: latest.version + 1, data: job.snapshot.sealed, contentHash: hash)
                vaultLatest = (info.version, info.contentHash)
                return
            } catch let error as BlobStoreError where error.code == .versionConflict {
                vaultLatest = nil  // Someone (our earlier self) wrote in between: look again.
            }
        }
        throw AgentError.vaultRejected("the vault's version kept moving while uploading; is another device writing to this account?")
    }

    private func knownLatest(of name: BlobName) async throws -> (version: UInt64, hash: ContentHash?) {
        if let vaultLatest { return vaultLatest }
        let summary = try await vault.list().first { $0.name == name }
        let latest = (version: summary?.latest.version ?? 0, hash: summary?.latest.contentHash)
        vaultLatest = latest
        return latest
    }

    private func sleepOrWake(seconds: TimeInterval) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: .milliseconds(Int64(min(seconds, 86_400) * 1000))) }
            group.addTask { _ = await self.wake.wait() }
            await group.next()
            group.cancelAll()
        }
    }
}
