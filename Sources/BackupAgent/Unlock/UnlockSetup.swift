public import BackupCore
public import Foundation
public import Sodium
import LightningTypes
import BlobStorage

/// `casa-backupd unlock setup` (docs/design.md §6): with lnd LOCKED, unlocks it with the
/// password, and only after lnd accepted it seals the password under a fresh local share
/// (`unlock.seal`, 0600) and a fresh vault share (this device's slot). Then, once lnd is active,
/// sends a liveness heartbeat so the release is armed right away.
public struct UnlockSetup: Sendable {
    let lnd: any LNDNode
    let vault: any UnlockShareVault
    /// For the first heartbeat; nil skips it (the running agent's heartbeat arms the release).
    let heartbeats: (any VaultControl)?
    let account: AccountID
    let sealFile: UnlockSealFile
    let lndTimeout: Duration

    public init(
        lnd: any LNDNode, vault: any UnlockShareVault, heartbeats: (any VaultControl)?, account: AccountID,
        sealFile: UnlockSealFile, lndTimeout: Duration = .seconds(60)
    ) {
        self.lnd = lnd
        self.vault = vault
        self.heartbeats = heartbeats
        self.account = account
        self.sealFile = sealFile
        self.lndTimeout = lndTimeout
    }

    public struct Result: Sendable, Equatable {
        /// The release is armed now (a heartbeat from this unlocked node reached the vault).
        public let releaseArmed: Bool
        /// Why no heartbeat was sent, if none was (the running agent sends one once lnd is active).
        public let heartbeatProblem: String?
    }

    public func setup(password: SecureBytes) async throws -> Result {
        guard (1...UnlockSeal.maximumPasswordByteCount).contains(password.count) else {
            throw UnlockError.badPassword("a wallet password has 1 to \(UnlockSeal.maximumPasswordByteCount) bytes, this one \(password.count)")
        }
        let probe = WalletStateProbe(lnd: lnd)
        let state: WalletState?
        do {
            state = try await probe.current(timeout: lndTimeout)
        } catch {
            throw UnlockError.lndUnreachable("\(error)")
        }
        guard let state else { throw UnlockError.lndUnreachable("no answer to SubscribeState") }
        guard state == .locked else { throw UnlockError.notLocked(state.description) }

        let result: WalletUnlockResult
        do {
            result = try await lnd.unlockWallet(password: password)
        } catch {
            throw UnlockError.lndUnreachable("UnlockWallet: \(error)")
        }
        switch result {
        case .unlocked: break
        case .alreadyUnlocked: throw UnlockError.notLocked("already unlocked")
        case .wrongPassword(let message): throw UnlockError.wrongPassword(message)
        }

        // lnd accepted the password: only now seal it.
        let sealed = try UnlockSeal.seal(password: password)
        do {
            try await vault.storeUnlockShare(sealed.vaultShare)
        } catch let error as UnlockShareError {
            throw UnlockError.vault(error)
        }
        do {
            try sealFile.write(sealed.localFile)
        } catch {
            // A vault share without its local half is useless; clear it anyway.
            try? await vault.clearUnlockShare()
            throw error
        }
        return await firstHeartbeat(probe: probe)
    }

    /// Waits for lnd to be active, derives the liveness key through lnd and heartbeats.
    private func firstHeartbeat(probe: WalletStateProbe) async -> Result {
        guard let heartbeats else { return Result(releaseArmed: false, heartbeatProblem: "no heartbeat sent by setup") }
        do {
            guard try await probe.waitUntilActive(timeout: lndTimeout) else {
                return Result(releaseArmed: false, heartbeatProblem: "lnd did not become active within \(lndTimeout)")
            }
            let keys = try await AgentKeys.derive(from: lnd, account: account)
            _ = try await heartbeats.sendHeartbeat(signedBy: keys.backup.liveness)
            let armed = (try? await vault.releaseState().releaseArmed) ?? true
            return Result(releaseArmed: armed, heartbeatProblem: nil)
        } catch {
            return Result(releaseArmed: false, heartbeatProblem: "\(error)")
        }
    }
}
