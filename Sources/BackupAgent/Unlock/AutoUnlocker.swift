public import BackupCore
public import Foundation
public import Logging
import Sodium
import LightningTypes

/// Sealed auto-unlock at boot (docs/design.md §6): whenever SubscribeState reports LOCKED and
/// `unlock.seal` exists, asks the vault for this device's share, unseals the wallet password,
/// calls UnlockWallet and drops the password (secure memory, zeroed when freed). It logs only
/// the outcome. A refusal (revoked device, release window passed, no share, a seal that does not
/// open, a password lnd refuses) ends the attempt for this LOCKED period: lnd waits for a manual
/// unlock, and `status` says why. An unreachable vault or lnd is retried with backoff, bounded.
public struct AutoUnlocker: Sendable {
    /// How often, and how far apart, an unreachable vault or lnd is retried while lnd stays LOCKED.
    public struct RetryPolicy: Sendable {
        public var attempts: Int
        public var initialDelay: Duration
        public var maximumDelay: Duration

        public init(attempts: Int = 20, initialDelay: Duration = .seconds(1), maximumDelay: Duration = .seconds(60)) {
            self.attempts = max(1, attempts)
            self.initialDelay = initialDelay
            self.maximumDelay = maximumDelay
        }
    }

    enum Outcome: Equatable {
        case unlocked
        case alreadyUnlocked
        case notSetUp
        case refused(String)
        case retry(String)
    }

    let lnd: any LNDNode
    let vault: any UnlockShareVault
    let sealFile: UnlockSealFile
    let status: AgentStatus
    let logger: Logger
    let retry: RetryPolicy
    let reconnect: Backoff

    public init(
        lnd: any LNDNode, vault: any UnlockShareVault, sealFile: UnlockSealFile, status: AgentStatus, logger: Logger,
        retry: RetryPolicy = RetryPolicy(), reconnect: Backoff = Backoff()
    ) {
        self.lnd = lnd
        self.vault = vault
        self.sealFile = sealFile
        self.status = status
        self.logger = logger
        self.retry = retry
        self.reconnect = reconnect
    }

    /// Follows lnd's state until cancelled; reconnects with backoff when the stream ends.
    public func run() async {
        var backoff = reconnect
        while !Task.isCancelled {
            do {
                for try await state in lnd.walletStates() {
                    backoff.reset()
                    if state == .locked { await unlockWhileLocked() }
                }
            } catch {
                // lnd restarted or is not reachable: look again after the backoff.
            }
            guard !Task.isCancelled else { break }
            try? await Task.sleep(for: backoff.next())
        }
    }

    /// One LOCKED period: attempts until lnd is unlocked, a refusal, or the retry budget is spent.
    func unlockWhileLocked() async {
        var backoff = Backoff(initial: retry.initialDelay, maximum: retry.maximumDelay)
        for attempt in 1...retry.attempts {
            guard !Task.isCancelled else { return }
            let outcome = await attemptOnce()
            record(outcome, attempt: attempt)
            guard case .retry = outcome, attempt < retry.attempts else { return }
            do { try await Task.sleep(for: backoff.next()) } catch { return }
            // Someone may have unlocked it by hand meanwhile.
            guard (try? await WalletStateProbe(lnd: lnd).current(timeout: .seconds(10))) == .locked else { return }
        }
    }

    func attemptOnce() async -> Outcome {
        let file: SecureBytes
        let pending: SecureBytes?
        do {
            guard let read = try sealFile.read() else { return .notSetUp }
            file = read
            pending = try sealFile.next.read()
        } catch {
            return .refused("\(error)")
        }
        if let problem = sealFile.permissionProblem { logger.warning("\(problem)") }
        let share: SecureBytes
        do {
            share = try await vault.fetchUnlockShare()
        } catch let error as UnlockShareError {
            return error.isTransient ? .retry(error.description) : .refused(error.description)
        } catch {
            return .retry("the vault: \(error)")
        }
        let password: SecureBytes
        do {
            password = try unseal(current: file, pending: pending, share: share)
        } catch {
            return .refused("\(error)")
        }
        do {
            switch try await lnd.unlockWallet(password: password) {
            case .unlocked:
                if let problem = await UnlockRotation(vault: vault, sealFile: sealFile).rotate(password: password) {
                    logger.warning("sealed auto-unlock: the shares were not rotated: \(problem)")
                    status.update { $0.unlockRotationProblem = problem }
                } else {
                    status.update { $0.unlockRotationProblem = nil }
                }
                return .unlocked
            case .alreadyUnlocked: return .alreadyUnlocked
            case .wrongPassword(let message):
                return .refused("lnd refused the sealed password (\(message)); if the wallet password changed, unlock by hand and run `casa-backupd unlock setup` again")
            }
        } catch {
            return .retry("lnd did not answer UnlockWallet: \(error)")
        }
    }

    /// The current seal, or the one of an interrupted rotation whose share the vault already has
    /// (then it becomes the current one). A pending seal the vault never got is dropped.
    private func unseal(current: SecureBytes, pending: SecureBytes?, share: SecureBytes) throws -> SecureBytes {
        do {
            let password = try UnlockSeal.unseal(localFile: current, vaultShare: share)
            if pending != nil { try? sealFile.next.remove() }
            return password
        } catch {
            guard let pending, let password = try? UnlockSeal.unseal(localFile: pending, vaultShare: share) else { throw error }
            try sealFile.promote(sealFile.next)
            return password
        }
    }

    /// Logs the outcome (never a secret) and keeps it for `status`.
    private func record(_ outcome: Outcome, attempt: Int) {
        let now = Date()
        switch outcome {
        case .unlocked:
            logger.notice("sealed auto-unlock: lnd unlocked")
            status.update { $0.autoUnlock = AutoUnlockRecord(at: now, outcome: "unlocked", problem: nil) }
        case .alreadyUnlocked:
            logger.info("sealed auto-unlock: lnd was already unlocked")
            status.update { $0.autoUnlock = AutoUnlockRecord(at: now, outcome: "already unlocked", problem: nil) }
        case .notSetUp:
            logger.info("lnd is LOCKED and sealed auto-unlock is not set up: lnd waits for a manual unlock")
            status.update { $0.autoUnlock = AutoUnlockRecord(at: now, outcome: "not set up", problem: nil) }
        case .refused(let why):
            logger.warning("sealed auto-unlock cannot unlock lnd: \(why); lnd waits for a manual unlock")
            status.update { $0.autoUnlock = AutoUnlockRecord(at: now, outcome: "refused", problem: why) }
        case .retry(let why):
            let last = attempt >= retry.attempts
            logger.warning("sealed auto-unlock attempt \(attempt)/\(retry.attempts) failed: \(why)\(last ? "; giving up, lnd waits for a manual unlock" : "; retrying")")
            status.update { $0.autoUnlock = AutoUnlockRecord(at: now, outcome: last ? "gave up" : "retrying", problem: why) }
        }
    }
}

/// The last sealed auto-unlock attempt, for `status`.
public struct AutoUnlockRecord: Sendable, Codable, Equatable {
    public var at: Date
    /// unlocked, already unlocked, not set up, refused, retrying, gave up.
    public var outcome: String
    public var problem: String?

    public init(at: Date, outcome: String, problem: String?) {
        self.at = at
        self.outcome = outcome
        self.problem = problem
    }
}
