public import BackupCore
public import Sodium

/// After every unlock by the agent, the wallet password is sealed again under two fresh shares
/// (docs/design.md §6.3), so that a copy of the disk taken before this unlock (an SD-card image,
/// an old card of a replaced box) can never unseal it: the vault no longer holds the share that
/// matches its `unlock.seal`.
///
/// Crash-safe in three steps: the new seal is written beside the current one (`unlock.seal.next`),
/// the vault gets the new share, then the new seal replaces the current one. Whatever is
/// interrupted, one of the two files matches the vault's share (`AutoUnlocker` tries both).
public struct UnlockRotation: Sendable {
    let vault: any UnlockShareVault
    let sealFile: UnlockSealFile

    public init(vault: any UnlockShareVault, sealFile: UnlockSealFile) {
        self.vault = vault
        self.sealFile = sealFile
    }

    /// nil when rotated; else why not (the old shares stay valid, the next unlock tries again).
    public func rotate(password: SecureBytes) async -> String? {
        let next = sealFile.next
        do {
            let sealed = try UnlockSeal.seal(password: password)
            try next.write(sealed.localFile)
            do {
                try await vault.storeUnlockShare(sealed.vaultShare)
            } catch {
                try? next.remove()
                return "the vault did not take the new share (\(error)); the old seal stays valid until the next unlock"
            }
            try sealFile.promote(next)
            return nil
        } catch {
            return "\(error)"
        }
    }
}
