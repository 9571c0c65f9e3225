import BlobStorage
import CurlHTTP
public import Sodium
import VaultAPI

/// The per-device sealed-secret slot (docs/vault-api.md, "Sealed-secret release"), signed with
/// the device key. The release (`sealedSecret`) needs a client whose freshness mode is
/// `.challenge`: a device right after a power cut has no trustworthy clock.
extension VaultClient {
    /// Stores `secret` in the slot of `deviceKey` (the device itself or the owner).
    public func putSealedSecret(deviceKey: [UInt8], _ secret: SecureBytes) async throws {
        var body = secret.unsafeCopy()
        defer { SecureBytes.zero(&body) }
        _ = try await perform(
            .put, path: VaultPath.sealedSecret(configuration.account, deviceKey: deviceKey), body: body,
            headers: ["Content-Type": "application/octet-stream"])
    }

    /// The slot's content, released only to that device while it is not revoked and the
    /// account's last liveness heartbeat is within the owner's window.
    public func sealedSecret(deviceKey: [UInt8]) async throws -> SecureBytes {
        // The response buffer itself is ordinary memory (libcurl's); the share is copied into
        // secure memory at once and the buffer dropped with the response.
        let response = try await perform(.get, path: VaultPath.sealedSecret(configuration.account, deviceKey: deviceKey))
        return try SecureBytes(copying: response.body)
    }

    /// Empties the slot (204 also when it was empty).
    public func deleteSealedSecret(deviceKey: [UInt8]) async throws {
        _ = try await perform(.delete, path: VaultPath.sealedSecret(configuration.account, deviceKey: deviceKey))
    }
}
