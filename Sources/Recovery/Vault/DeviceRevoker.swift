import BlobStorage
import CommandLineSupport

/// `revoke-device`: list the account's devices, or revoke one after confirmation.
public struct DeviceRevoker: Sendable {
    public let vault: any OwnerVault

    public init(vault: any OwnerVault) {
        self.vault = vault
    }

    public struct Result: Codable, Sendable {
        /// The device revoked in this run, if any.
        public var revoked: VaultDevice?
        public var devices: [VaultDevice]

        public var text: String {
            var table = TextTable(headers: ["DEVICE KEY", "LABEL", "STATE", "LAST SEEN (unix ms)"])
            for d in devices {
                table.append([d.key, d.label, d.revokedAt == nil ? "active" : "revoked", d.lastSeenAt.map(String.init) ?? "-"])
            }
            let head = revoked.map { "Revoked \($0.key) (\($0.label)): it can no longer use the vault or unlock lnd." }
                ?? "Devices of this account (pass --device KEY to revoke one):"
            return head + "\n\n" + table.render()
        }
    }

    /// - Parameter confirm: asked with the device key before revoking; false stops with `.declined`.
    public func run(device: String?, confirm: (String) throws -> Bool) async throws -> Result {
        let devices: [VaultDevice]
        do {
            devices = try await vault.devices()
        } catch let error as BlobStoreError {
            throw Self.translate(error)
        }
        guard let device else { return Result(revoked: nil, devices: devices) }
        let key = device.lowercased()
        guard devices.contains(where: { $0.key == key }) else {
            throw RecoveryError.noSuchDevice(key: key, known: devices.map(\.key))
        }
        guard try confirm(key) else { throw RecoveryError.declined }
        do {
            let revoked = try await vault.revokeDevice(key: key)
            return Result(revoked: revoked, devices: try await vault.devices())
        } catch let error as BlobStoreError {
            throw Self.translate(error)
        }
    }

    static func translate(_ error: BlobStoreError) -> RecoveryError {
        error.code == .notFound ? .accountNotFound(account: "") : RecoveryError(vault: error)
    }
}
