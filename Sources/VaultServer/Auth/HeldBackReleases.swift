import Synchronization
import VaultAPI
import BlobStorage

/// Release requests held back because the account's node was running (`node_alive`): someone
/// with a copy of a device's disk asked for its unlock share. The running node hears of them in
/// the answer to its next liveness heartbeat (docs/vault-api.md "Heartbeats"). Kept in this
/// process's memory, at most `limit` per account: with several vault processes (PostgreSQL)
/// the heartbeat must reach the process that refused.
final class HeldBackReleases: Sendable {
    static let limit = 20
    private let attempts = Mutex<[AccountID: [HeldBackRelease]]>([:])

    func record(_ account: AccountID, _ attempt: HeldBackRelease) {
        attempts.withLock { all in
            var list = all[account, default: []]
            list.append(attempt)
            all[account] = Array(list.suffix(Self.limit))
        }
    }

    /// The attempts since the last call for this account, oldest first, forgotten as handed out.
    func take(_ account: AccountID) -> [HeldBackRelease] {
        attempts.withLock { $0.removeValue(forKey: account) ?? [] }
    }
}
