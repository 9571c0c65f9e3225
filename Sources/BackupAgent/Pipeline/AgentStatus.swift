public import Foundation
import Synchronization

/// The agent's live counters and times, shared by the services; rendered by `status` and the
/// Prometheus endpoint.
public final class AgentStatus: Sendable {
    public struct Snapshot: Sendable, Codable, Equatable {
        public var lndState: String = "UNKNOWN"
        public var keysAvailable = false
        public var lastSnapshotSequence: UInt64?
        public var lastSnapshotAt: Date?
        /// Channels in the newest snapshot this run saw (nil until lnd's first backup: the file
        /// headers hold only a rounded count).
        public var channelCount: Int?
        /// The last sharp fall in the channel count, if any.
        public var channelCountDrop: ChannelCountDrop?
        /// When the decrypted Multi last changed (a channel opened or closed).
        public var lastChannelChangeAt: Date?
        public var lastLocalSuccessAt: Date?
        public var lastVaultSuccessAt: Date?
        public var lastUploadedSequence: UInt64?
        public var lastHeartbeatAt: Date?
        public var snapshotsSaved: UInt64 = 0
        public var snapshotsUnchanged: UInt64 = 0
        public var uploadFailures: UInt64 = 0
        public var heartbeatFailures: UInt64 = 0
        public var unreadableMultis: UInt64 = 0
        /// The version of each channel in lnd's newest backup whose Single version this code
        /// does not know (sorted; empty normally). Such backups are stored and uploaded anyway.
        public var unknownSingleVersions: [UInt8] = []
        /// When the agent started: with no backup from lnd since, the staleness clock runs from here.
        public var startedAt: Date?
        /// When a backup from lnd last opened with lnd's key (changed or not).
        public var lastLNDBackupAt: Date?
        /// lnd's channel.backup did not open with lnd's key when last read (nil once it opens).
        public var unreadableLNDFile: UnreadableLNDFile?
        /// lnd is not the node this device was enrolled for (why, and what to do); nil when it is.
        public var differentNode: String?
        /// How lnd is reached that the owner must know (an admin macaroon, plain http).
        public var lndConnectionWarnings: [String] = []
        public var queueDepth: Int = 0
        public var lastUploadError: String?
        /// How this run continues the account's history (nil until keys first arrived).
        public var history: HistoryStatus?
        /// Unlock-share requests the vault held back while this node ran (a copy of its disk asked).
        public var heldBackUnlocks = 0
        public var lastHeldBackUnlockAt: Date?
        /// Why the unlock shares were not rotated after the last auto-unlock (nil: rotated).
        public var unlockRotationProblem: String?
        /// The last sealed auto-unlock attempt (nil: none since start).
        public var autoUnlock: AutoUnlockRecord?
        public var warnings: [String] = []
    }

    private let state: Mutex<Snapshot>
    private let waiters = Mutex<[(sequence: UInt64, continuation: CheckedContinuation<Bool, Never>)]>([])

    public init(startedAt: Date = Date()) {
        var initial = Snapshot()
        initial.startedAt = startedAt
        state = Mutex(initial)
    }

    public var current: Snapshot { state.withLock { $0 } }

    public func update(_ change: (inout Snapshot) -> Void) {
        state.withLock { change(&$0) }
    }

    /// The vault acknowledged `sequence` (and, by order, everything before it).
    public func uploaded(sequence: UInt64, at date: Date) {
        state.withLock {
            $0.lastUploadedSequence = max($0.lastUploadedSequence ?? 0, sequence)
            $0.lastVaultSuccessAt = date
            $0.lastUploadError = nil
        }
        let ready = waiters.withLock { waiters in
            let ready = waiters.filter { $0.sequence <= sequence }
            waiters.removeAll { $0.sequence <= sequence }
            return ready
        }
        for waiter in ready { waiter.continuation.resume(returning: true) }
    }

    /// Returns true once the vault acknowledged `sequence`, false after `timeout`.
    public func waitUntilUploaded(_ sequence: UInt64, timeout: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    let done = self.state.withLock { ($0.lastUploadedSequence ?? 0) >= sequence }
                    if done { continuation.resume(returning: true); return }
                    self.waiters.withLock { $0.append((sequence, continuation)) }
                    // Re-check: an acknowledgement may have landed between the two locks.
                    if self.state.withLock({ ($0.lastUploadedSequence ?? 0) >= sequence }) {
                        self.uploaded(sequence: sequence, at: self.current.lastVaultSuccessAt ?? Date())
                    }
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            if !first { self.releaseWaiters(for: sequence) }
            return first
        }
    }

    private func releaseWaiters(for sequence: UInt64) {
        let released = waiters.withLock { waiters in
            let released = waiters.filter { $0.sequence == sequence }
            waiters.removeAll { $0.sequence == sequence }
            return released
        }
        for waiter in released { waiter.continuation.resume(returning: false) }
    }
}

extension AgentStatus.Snapshot {
    /// Marks a change the vault does not have yet, unless one is already waiting: the
    /// staleness clock measures from the first change not backed up, so repeated failures
    /// cannot keep pushing the alarm out.
    mutating func startStalenessClock(at date: Date) {
        if let change = lastChannelChangeAt, change > (lastVaultSuccessAt ?? .distantPast) { return }
        lastChannelChangeAt = date
    }
}
