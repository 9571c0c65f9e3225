import BackupCore
import BlobStorage
import CurlHTTP
import VaultAPI
import VaultClient

/// The real vault as `OwnerVault`: a `VaultClient` signing with the owner key.
extension VaultClient: OwnerVault {
    public var blobs: any BlobStore { self }

    public func devices() async throws -> [VaultDevice] {
        try await account().devices?.map(VaultDevice.init) ?? []
    }

    public func revokeDevice(key: String) async throws -> VaultDevice {
        guard let bytes = HexCoding.decode(key), bytes.count == 32 else {
            throw BlobStoreError(.badRequest, "a device key is 64 hex digits, got \(key)")
        }
        return VaultDevice(try await revokeDevice(key: bytes))
    }

    /// Connects as the owner: https is verified against the system CA roots; plain http is
    /// accepted for loopback (and .onion through `proxy`) only.
    public static func owner(url: String, owner: OwnerKey, proxy: SOCKSProxy? = nil) throws -> VaultClient {
        guard let account = VaultAPI.AccountID(hex: owner.accountID.hex) else {
            throw BlobStoreError(.badRequest, "cannot derive the vault account from the owner key")
        }
        let security: TransportSecurity = url.lowercased().hasPrefix("http://") ? .loopbackPlainHTTP : .systemTrust
        return try VaultClient(
            configuration: VaultClientConfiguration(baseURL: url, account: account, security: security, proxy: proxy),
            key: owner.keyPair
        )
    }
}

extension VaultDevice {
    init(_ device: DeviceInfo) {
        self.init(key: device.key, label: device.label, createdAt: device.createdAt, revokedAt: device.revokedAt, lastSeenAt: device.lastSeenAt)
    }
}

/// For callers that see only Recovery (casa-recover): the owner's view of a vault at `url`.
public enum RemoteOwnerVault {
    public static func connect(url: String, owner: OwnerKey) throws -> any OwnerVault {
        try VaultClient.owner(url: url, owner: owner)
    }
}
