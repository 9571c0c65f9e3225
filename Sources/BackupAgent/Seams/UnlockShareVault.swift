public import Foundation
public import Sodium

/// The vault's sealed-secret slot of this device, where sealed auto-unlock keeps its vault share
/// (docs/design.md §6), signed with the device key. Implemented by `VaultConnection`; the tests
/// run it against a real vault on loopback. Every call throws `UnlockShareError`.
public protocol UnlockShareVault: Sendable {
    /// Stores the vault share, replacing any older one.
    func storeUnlockShare(_ share: SecureBytes) async throws
    /// Asks the vault to release the share (a server challenge proves freshness, so a wrong
    /// clock after a power cut does not matter).
    func fetchUnlockShare() async throws -> SecureBytes
    /// Empties the slot; succeeds when it is already empty.
    func clearUnlockShare() async throws
    /// The release policy as the vault applies it to this account now.
    func releaseState() async throws -> UnlockReleaseState
}

/// What the vault says about the release of the unlock share.
public struct UnlockReleaseState: Sendable, Equatable, Codable {
    /// True while the share would be released: the last liveness heartbeat is within the window.
    public var releaseArmed: Bool
    /// The last liveness heartbeat (vault clock), if any.
    public var lastHeartbeatAt: Date?
    /// The owner's release window.
    public var windowSeconds: Int64

    public init(releaseArmed: Bool, lastHeartbeatAt: Date?, windowSeconds: Int64) {
        self.releaseArmed = releaseArmed
        self.lastHeartbeatAt = lastHeartbeatAt
        self.windowSeconds = windowSeconds
    }
}

/// Why the vault did not store, release or clear the unlock share.
public enum UnlockShareError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The owner revoked this device (`casa-recover revoke-device`); its slot is gone for good.
    case deviceRevoked
    /// No liveness heartbeat within the owner's window: the node was off (or away) too long.
    case releaseLocked
    /// The account's node heartbeated moments ago (it runs): no release until it has been quiet.
    case nodeAlive(String)
    /// The slot is empty (never set up, disabled, or cleared by the owner).
    case noShare
    /// The vault could not be reached or failed; worth trying again.
    case unreachable(String)
    /// Any other refusal, with the vault's words.
    case refused(String)

    /// Only an unreachable vault may answer differently later without anyone acting.
    public var isTransient: Bool {
        switch self {
        case .unreachable, .nodeAlive: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .deviceRevoked:
            "this device was revoked by the owner: the vault no longer releases its unlock share; unlock lnd by hand (`lncli unlock`) and enroll again if the box is yours"
        case .releaseLocked:
            "outside the release window: the vault saw no liveness heartbeat from the unlocked node within the owner's window (the node was off too long, or the box was moved); unlock lnd by hand (`lncli unlock`), the next heartbeat re-arms the release"
        case .nodeAlive(let why):
            "the vault holds the share back: \(why); if this box just rebooted after a power cut, it is released within minutes, and the agent keeps asking"
        case .noShare:
            "the vault holds no unlock share for this device (disabled, or never set up): unlock lnd by hand and run `casa-backupd unlock setup`"
        case .unreachable(let why):
            "the vault is unreachable (\(why)): lnd waits for a manual unlock (`lncli unlock`) until it answers"
        case .refused(let why):
            "the vault refused the unlock share request: \(why)"
        }
    }
}
