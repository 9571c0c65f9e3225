public import BackupCore
public import Foundation
public import BlobStorage
public import Sodium

/// The vault when none is configured (or this build has no vault client): every call fails as
/// `unavailable`, so snapshots stay queued locally and flush once a vault is configured.
public struct NoVault: BlobStore, VaultControl, UnlockShareVault {
    let reason: String

    public init(reason: String) {
        self.reason = reason
    }

    private var error: BlobStoreError { BlobStoreError(.unavailable, reason) }

    public func put(_ name: BlobName, version: UInt64, data: [UInt8], contentHash: ContentHash) async throws -> BlobInfo { throw error }
    public func get(_ name: BlobName, version: UInt64?) async throws -> Blob { throw error }
    public func list() async throws -> [BlobSummary] { throw error }
    public func versions(of name: BlobName, after: UInt64?, limit: Int) async throws -> [BlobInfo] { throw error }
    public func sendHeartbeat(signedBy key: LivenessKey) async throws -> [Date] { throw error }
    public func sendStoppingHeartbeat(signedBy key: LivenessKey) async throws { throw error }
    public func createAccount(owner: OwnerKey, livenessPublicKey: [UInt8]) async throws { throw error }
    public func registerDevice(owner: OwnerKey, devicePublicKey: [UInt8]) async throws { throw error }
    public func storeUnlockShare(_ share: SecureBytes) async throws { throw UnlockShareError.unreachable(reason) }
    public func fetchUnlockShare() async throws -> SecureBytes { throw UnlockShareError.unreachable(reason) }
    public func clearUnlockShare() async throws { throw UnlockShareError.unreachable(reason) }
    public func releaseState() async throws -> UnlockReleaseState { throw UnlockShareError.unreachable(reason) }
}
