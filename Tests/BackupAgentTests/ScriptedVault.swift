import BackupAgent
import BackupCore
import BlobStorage
import Foundation
import Synchronization

/// A `BlobStore` in front of `MemoryBlobStore` that can be switched off (unreachable) and
/// can lose the reply of a put that was committed (the crash-after-put case).
final class ScriptedVault: BlobStore, VaultControl, Sendable {
    struct State {
        var reachable = true
        var loseNextReply = false
        var puts = 0
        var heartbeats: [[UInt8]] = []
        var accounts: [(owner: [UInt8], liveness: [UInt8])] = []
        var devices: [[UInt8]] = []
    }

    let inner = MemoryBlobStore()
    let state = Mutex(State())

    func setReachable(_ reachable: Bool) { state.withLock { $0.reachable = reachable } }
    func loseNextReply() { state.withLock { $0.loseNextReply = true } }
    var putCount: Int { state.withLock { $0.puts } }
    var heartbeatKeys: [[UInt8]] { state.withLock { $0.heartbeats } }

    private func checkReachable() throws {
        guard state.withLock({ $0.reachable }) else { throw BlobStoreError(.unavailable, "vault unreachable (test)") }
    }

    func put(_ name: BlobName, version: UInt64, data: [UInt8], contentHash: ContentHash) async throws -> BlobInfo {
        try checkReachable()
        state.withLock { $0.puts += 1 }
        let info = try await inner.put(name, version: version, data: data, contentHash: contentHash)
        let lose = state.withLock { s in
            defer { s.loseNextReply = false }
            return s.loseNextReply
        }
        if lose { throw BlobStoreError(.unavailable, "reply lost (test)") }
        return info
    }

    func get(_ name: BlobName, version: UInt64?) async throws -> Blob {
        try checkReachable()
        return try await inner.get(name, version: version)
    }

    func list() async throws -> [BlobSummary] {
        try checkReachable()
        return try await inner.list()
    }

    func versions(of name: BlobName, after: UInt64?, limit: Int) async throws -> [BlobInfo] {
        try checkReachable()
        return try await inner.versions(of: name, after: after, limit: limit)
    }

    func sendStoppingHeartbeat(signedBy key: LivenessKey) async throws {
        _ = try await sendHeartbeat(signedBy: key)
    }

    func sendHeartbeat(signedBy key: LivenessKey) async throws -> [Date] {
        try checkReachable()
        state.withLock { $0.heartbeats.append(key.publicKey) }
        return []
    }

    func createAccount(owner: OwnerKey, livenessPublicKey: [UInt8]) async throws {
        state.withLock { $0.accounts.append((owner.publicKey, livenessPublicKey)) }
    }

    func registerDevice(owner: OwnerKey, devicePublicKey: [UInt8]) async throws {
        state.withLock { $0.devices.append(devicePublicKey) }
    }
}
