public import BackupCore
public import BlobStorage
import Foundation
import Sodium
import VaultAPI
public import VaultClient
import Codecs

/// The vault for the agent: blob calls signed with the device key; heartbeats with the
/// liveness key; account creation and device registration with the owner key (enroll only);
/// the unlock share's slot with the device key and server challenges.
public final class VaultConnection: BlobStore, VaultControl, UnlockShareVault {
    let configuration: VaultClientConfiguration
    let device: VaultClient
    /// The device key with challenge freshness: the release demands it, and a booting device's
    /// clock may be anywhere.
    let deviceByChallenge: VaultClient
    let devicePublicKey: [UInt8]
    /// The vault response key every answer must be signed by (shared by all the keys' clients).
    let responseKey: VaultResponseKeyPin?

    /// `transport` is `vault_pin`, `vault_ca_file` and `socks_proxy`; without them https is
    /// checked against the system roots and plain http is for loopback only. `responseKey`: the
    /// vault's response key (`RecordedVaultKey`); nil accepts unsigned answers (tests only).
    /// The operator's invite token, for a vault that opens accounts by invitation (enroll only).
    let invite: String?

    public init(baseURL: String, transport: VaultTransportSettings = VaultTransportSettings(), account: AccountID,
                deviceKey: DeviceKey, responseKey: VaultResponseKeyPin? = nil, invite: String? = nil) throws {
        self.invite = invite
        do {
            configuration = try VaultClientConfiguration(baseURL: baseURL, account: account, transport: transport)
        } catch {
            throw AgentError.configuration(error.description)
        }
        self.responseKey = responseKey
        device = try VaultClient(configuration: configuration, key: deviceKey.keyPair, responseKey: responseKey)
        var challenged = configuration
        challenged.freshness = .challenge
        deviceByChallenge = try VaultClient(configuration: challenged, key: deviceKey.keyPair, responseKey: responseKey)
        devicePublicKey = deviceKey.publicKey
    }

    public func put(_ name: BlobName, version: UInt64, data: [UInt8], contentHash: ContentHash) async throws -> BlobInfo {
        try await device.put(name, version: version, data: data, contentHash: contentHash)
    }

    public func get(_ name: BlobName, version: UInt64?) async throws -> Blob { try await device.get(name, version: version) }
    public func list() async throws -> [BlobSummary] { try await device.list() }
    public func versions(of name: BlobName, after: UInt64?, limit: Int) async throws -> [BlobInfo] {
        try await device.versions(of: name, after: after, limit: limit)
    }

    public func sendHeartbeat(signedBy key: LivenessKey) async throws -> [Date] {
        try await VaultClient(configuration: configuration, key: key.keyPair, responseKey: responseKey).heartbeat().heldBackReleases
            .map { Date(timeIntervalSince1970: Double($0.at) / 1000) }
    }

    public func sendStoppingHeartbeat(signedBy key: LivenessKey) async throws {
        _ = try await VaultClient(configuration: configuration, key: key.keyPair, responseKey: responseKey).heartbeat(stopping: true)
    }

    public func createAccount(owner: OwnerKey, livenessPublicKey: [UInt8]) async throws {
        let client = try VaultClient(configuration: configuration, key: owner.keyPair, responseKey: responseKey)
        do {
            _ = try await client.account()
            return  // The account exists already (enrolling a second device).
        } catch let error as BlobStoreError where error.code == .notFound {
            // A vault that asks a proof of work gets one (VaultClient solves it).
            _ = try await client.createAccount(CreateAccountRequest(livenessKey: Hex.encode(livenessPublicKey)), invite: invite)
        }
    }

    public func registerDevice(owner: OwnerKey, devicePublicKey: [UInt8]) async throws {
        let client = try VaultClient(configuration: configuration, key: owner.keyPair, responseKey: responseKey)
        _ = try await client.registerDevice(key: devicePublicKey, label: "casa-backupd")
    }
}

extension VaultConnection {
    public func storeUnlockShare(_ share: SecureBytes) async throws {
        try await Self.mapped { try await self.deviceByChallenge.putSealedSecret(deviceKey: self.devicePublicKey, share) }
    }

    public func fetchUnlockShare() async throws -> SecureBytes {
        try await Self.mapped { try await self.deviceByChallenge.sealedSecret(deviceKey: self.devicePublicKey) }
    }

    public func clearUnlockShare() async throws {
        try await Self.mapped { try await self.deviceByChallenge.deleteSealedSecret(deviceKey: self.devicePublicKey) }
    }

    public func releaseState() async throws -> UnlockReleaseState {
        let account = try await Self.mapped { try await self.deviceByChallenge.account() }
        return UnlockReleaseState(
            releaseArmed: account.releaseArmed,
            lastHeartbeatAt: account.lastHeartbeatAt.map { Date(timeIntervalSince1970: Double($0) / 1000) },
            windowSeconds: account.policy.releaseWindowSeconds)
    }

    /// The vault's refusals as `UnlockShareError`, keeping the reason the vault gave.
    static func mapped<T>(_ call: () async throws -> T) async throws -> T {
        do {
            return try await call()
        } catch let error as BlobStoreError {
            throw unlockError(error)
        }
    }

    static func unlockError(_ error: BlobStoreError) -> UnlockShareError {
        switch (error.code, error.detailCode) {
        case (_, .some(VaultErrorCode.deviceRevoked.rawValue)): return .deviceRevoked
        case (_, .some(VaultErrorCode.releaseLocked.rawValue)): return .releaseLocked
        case (_, .some(VaultErrorCode.nodeAlive.rawValue)): return .nodeAlive(error.message)
        case (.notFound, .some(VaultErrorCode.notFound.rawValue)): return .noShare
        case (.unavailable, _), (.rateLimited, _): return .unreachable(error.message)
        default: return .refused(error.message)
        }
    }
}
