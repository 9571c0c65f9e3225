import BackupCore
import BlobStorage

/// Finds the account's `scb/multi` blob in the vault: the account must exist, and the blob is
/// the one of whichever coin type's keys (mainnet or test networks) has versions.
public enum VaultSnapshotFinder {
    public static func find(store: any BlobStore, account: AccountID, candidates: [RecoveryKeys]) async throws -> (source: VaultSnapshotSource, keys: [RecoveryKeys]) {
        let names: Set<String>
        do {
            names = Set(try await store.list().map(\.name.rawValue))
        } catch let error as BlobStoreError where error.code == .notFound {
            throw RecoveryError.accountNotFound(account: account.hex)
        } catch let error as BlobStoreError {
            throw RecoveryError(vault: error)
        }
        for keys in candidates where names.contains(keys.blob.rawValue) {
            return (VaultSnapshotSource(store: store, blob: keys.blob), [keys])
        }
        throw RecoveryError.noSnapshots(source: "the vault account \(account.hex)")
    }
}
