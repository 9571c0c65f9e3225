import BackupCore
import BlobStorage
import VaultAPI
import VaultClient
import Codecs

/// The real vault as `OwnerVault`: a `VaultClient` signing with the owner key.
extension VaultClient: OwnerVault {
    public var blobs: any BlobStore { self }

    public func devices() async throws -> [VaultDevice] {
        try await account().devices?.map(VaultDevice.init) ?? []
    }

    public func revokeDevice(key: String) async throws -> VaultDevice {
        guard let bytes = Hex.decode(key), bytes.count == 32 else {
            throw BlobStoreError(.badRequest, "a device key is 64 hex digits, got \(key)")
        }
        return VaultDevice(try await revokeDevice(key: bytes))
    }

    /// The client signing as the owner; callers go through `RemoteOwnerVault.connect`.
    static func owner(url: String, owner: OwnerKey, transport: VaultTransportSettings = VaultTransportSettings(names: .recoverFlags))
        throws -> VaultClient {
        try VaultClient(
            configuration: VaultClientConfiguration(baseURL: url, account: owner.accountID, transport: transport),
            key: owner.keyPair
        )
    }
}

extension VaultDevice {
    init(_ device: DeviceInfo) {
        self.init(key: device.key, label: device.label, createdAt: device.createdAt, revokedAt: device.revokedAt, lastSeenAt: device.lastSeenAt)
    }
}

/// The one place that builds the owner's vault client, from the URL and plain transport settings
/// (casa-recover's --vault and its transport flags).
public enum RemoteOwnerVault {
    /// Connects as the owner, reaching the vault as `transport` says (--vault-pin, --vault-ca-file,
    /// --vault-socks). Without them https is checked against the system roots and plain http is
    /// for loopback only. A vault failure throws `RecoveryError`; bad transport settings throw
    /// `VaultTransportError`.
    public static func connect(url: String, owner: OwnerKey,
                               transport: VaultTransportSettings = VaultTransportSettings(names: .recoverFlags)) throws -> any OwnerVault {
        do {
            return try VaultClient.owner(url: url, owner: owner, transport: transport)
        } catch let error as BlobStoreError {
            throw RecoveryError(vault: error)
        }
    }
}

extension SnapshotLocation {
    /// The vault at `url`, reached as the owner once the words are read.
    public static func vault(url: String, transport: VaultTransportSettings) -> SnapshotLocation {
        .vault { owner in try RemoteOwnerVault.connect(url: url, owner: owner, transport: transport) }
    }
}
