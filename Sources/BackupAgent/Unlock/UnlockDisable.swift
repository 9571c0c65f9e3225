/// `casa-backupd unlock disable`: empties the vault slot and removes the local file. Either one
/// alone already kills the seal (unsealing needs both), so an unreachable vault does not stop
/// the local removal.
public struct UnlockDisable: Sendable {
    let vault: any UnlockShareVault
    let sealFile: UnlockSealFile

    public init(vault: any UnlockShareVault, sealFile: UnlockSealFile) {
        self.vault = vault
        self.sealFile = sealFile
    }

    public struct Result: Sendable, Equatable {
        public let localFileRemoved: Bool
        public let vaultCleared: Bool
        /// Why the vault slot was not cleared (try `disable` again later, or the owner revokes).
        public let vaultProblem: String?
    }

    public func disable() async throws -> Result {
        var problem: String?
        do {
            try await vault.clearUnlockShare()
        } catch {
            problem = "\(error)"
        }
        let removed = try sealFile.remove()
        return Result(localFileRemoved: removed, vaultCleared: problem == nil, vaultProblem: problem)
    }
}
