import BackupCore

extension SeedMaterial {
    /// The owner key (docs/design.md §4.6). It comes from the aezeed entropy, which a BIP32 root
    /// key no longer contains, so only the words open the vault account.
    public func ownerKey() throws -> OwnerKey {
        switch self {
        case .cipherSeed(let seed):
            return try OwnerKey(cipherSeed: seed)
        case .rootKey:
            throw RecoveryError.needsWords
        }
    }
}
