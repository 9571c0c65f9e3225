public import BackupCore
public import BlobStorage
public import Logging
import LightningTypes

/// Follows lnd (docs/agent.md "Start-up"): waits on SubscribeState until lnd accepts backup
/// calls (no polling), derives the keys, exports the Multi, then follows SubscribeChannelBackups.
/// When a stream drops or lnd restarts or locks it drops the keys, backs off, and starts over,
/// exporting again, so the agent converges on lnd's latest state.
public struct LNDFollower: Sendable {
    let lnd: any LNDNode
    let pipeline: SnapshotPipeline
    let account: AccountID
    let status: AgentStatus
    let logger: Logger
    let backoff: Backoff
    /// The enrolled node lnd must still be (nil: not checked) and the blob remembered from earlier runs.
    let enrolledNode: EnrolledNode?
    let rememberedBlob: BlobName?

    public init(
        lnd: any LNDNode, pipeline: SnapshotPipeline, account: AccountID, status: AgentStatus, logger: Logger,
        backoff: Backoff = Backoff(), enrolledNode: EnrolledNode? = nil, rememberedBlob: BlobName? = nil
    ) {
        self.enrolledNode = enrolledNode
        self.rememberedBlob = rememberedBlob
        self.lnd = lnd
        self.pipeline = pipeline
        self.account = account
        self.status = status
        self.logger = logger
        self.backoff = backoff
    }

    /// Runs until cancelled.
    public func run() async {
        var backoff = self.backoff
        while !Task.isCancelled {
            do {
                try await waitUntilActive()
                try await followBackups(onConnected: { backoff.reset() })
                logger.notice("lnd's channel backup stream ended; reconnecting")
            } catch is CancellationError {
                break
            } catch let error as AgentError {
                // A refused macaroon or an unreadable lnd.conf: the owner must fix it, so `status` says it.
                if case .configuration = error { status.update { $0.lndConnectionWarnings = [error.description] } }
                logger.warning("\(error)")
            } catch {
                logger.warning("lnd: \(error)")
            }
            await pipeline.dropKeys()
            status.update { $0.lndState = "DISCONNECTED" }
            guard !Task.isCancelled else { break }
            try? await Task.sleep(for: backoff.next())
        }
    }

    /// Returns once SubscribeState reports RPC_ACTIVE or SERVER_ACTIVE.
    func waitUntilActive() async throws {
        for try await state in lnd.walletStates() {
            reportConnectionWarnings()
            status.update { $0.lndState = state.description }
            if state.acceptsRPCs { return }
            logger.info("lnd is \(state); waiting for it to be unlocked")
            await pipeline.dropKeys()
        }
        throw AgentError.lndUnavailable("the state stream ended before lnd was active")
    }

    /// The discovery's warnings (an admin macaroon, plain http): in `status` while they hold, in
    /// the log when they first appear or change.
    private func reportConnectionWarnings() {
        let warnings = lnd.connectionWarnings
        guard warnings != status.current.lndConnectionWarnings else { return }
        for warning in warnings { logger.warning("lnd: \(warning)") }
        status.update { $0.lndConnectionWarnings = warnings }
    }

    /// Derives the keys, exports everything, then follows the subscription until it ends.
    func followBackups(onConnected: () -> Void) async throws {
        let keys = try await AgentKeys.derive(from: lnd, account: account)
        try await confirmEnrolledNode(keys)
        // lnd's file kept while the keys were missing opened: the file is fine (again).
        if try await pipeline.install(keys) != nil { status.update { $0.unreadableLNDFile = nil } }
        // Subscribe before exporting so no update falls between the two; lnd sends nothing
        // at subscribe time, and duplicates are skipped by the plaintext comparison.
        let updates = lnd.multiBackupUpdates()
        try await ingestLogged(try await lnd.exportMultiBackup(), origin: .export)
        onConnected()
        for try await multi in updates {
            try await ingestLogged(multi, origin: .subscription)
        }
    }

    /// Refuses keys of another node than the enrolled one: nothing is sealed or uploaded for it
    /// (the loop backs off and asks again), and the owner sees why in `status`.
    private func confirmEnrolledNode(_ keys: AgentKeys) async throws {
        guard let enrolledNode else { return }
        do {
            try enrolledNode.confirm(identity: try await lnd.identityPublicKey(), blob: keys.blob, rememberedBlob: rememberedBlob)
            status.update { $0.differentNode = nil }
        } catch let error as AgentError {
            if case .differentNode = error { status.update { $0.differentNode = error.description } }
            logger.error("\(error)")
            throw error
        }
    }

    private func ingestLogged(_ multi: [UInt8], origin: SnapshotOrigin) async throws {
        do {
            let outcome = try await pipeline.ingest(multi, origin: origin)
            if case .saved(let info) = outcome {
                logger.info("snapshot #\(info.sequence) saved (\(info.channelCount) channels, from \(origin.rawValue))")
                if let unknown = UnknownChannelTypes.warning(status.current.unknownSingleVersions) {
                    logger.warning("snapshot #\(info.sequence): \(unknown)")
                }
            }
        } catch let error as AgentError {
            // A Multi that does not open is reported and skipped; the stream goes on.
            logger.error("\(error)")
        }
    }
}
