public import BackupCore
public import BlobStorage
import CurlHTTP
import Sodium
import VaultAPI
public import VaultClient

/// The vault for the agent: blob calls signed with the device key; heartbeats with the
/// liveness key; account creation and device registration with the owner key (enroll only).
public final class VaultConnection: BlobStore, VaultControl {
    let configuration: VaultClientConfiguration
    let device: VaultClient

    public init(baseURL: String, account: BackupCore.AccountID, deviceKey: DeviceKey) throws {
        guard let vaultAccount = VaultAPI.AccountID(hex: account.hex) else {
            throw AgentError.configuration("account \(account.hex) is not a vault account ID")
        }
        let security: TransportSecurity = baseURL.lowercased().hasPrefix("http://") ? .loopbackPlainHTTP : .systemTrust
        configuration = VaultClientConfiguration(baseURL: baseURL, account: vaultAccount, security: security)
        device = try VaultClient(configuration: configuration, key: deviceKey.keyPair)
    }

    public func put(_ name: BlobName, version: UInt64, data: [UInt8], contentHash: ContentHash) async throws -> BlobInfo {
        try await device.put(name, version: version, data: data, contentHash: contentHash)
    }

    public func get(_ name: BlobName, version: UInt64?) async throws -> Blob { try await device.get(name, version: version) }
    public func list() async throws -> [BlobSummary] { try await device.list() }
    public func versions(of name: BlobName, after: UInt64?, limit: Int) async throws -> [BlobInfo] {
        try await device.versions(of: name, after: after, limit: limit)
    }

    public func sendHeartbeat(signedBy key: LivenessKey) async throws {
        _ = try await VaultClient(configuration: configuration, key: key.keyPair).heartbeat()
    }

    public func createAccount(owner: OwnerKey, livenessPublicKey: [UInt8]) async throws {
        let client = try VaultClient(configuration: configuration, key: owner.keyPair)
        do {
            _ = try await client.account()
            return  // The account exists already (enrolling a second device).
        } catch let error as BlobStoreError where error.code == .notFound {
            _ = try await client.createAccount(CreateAccountRequest(livenessKey: Hex.encode(livenessPublicKey)))
        }
    }

    public func registerDevice(owner: OwnerKey, devicePublicKey: [UInt8]) async throws {
        let client = try VaultClient(configuration: configuration, key: owner.keyPair)
        _ = try await client.registerDevice(key: devicePublicKey, label: "casa-backupd")
    }
}
