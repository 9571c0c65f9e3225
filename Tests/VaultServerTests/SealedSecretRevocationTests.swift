import BlobStorage
import Foundation
import Sodium
import Testing
import TestSupport
@testable import VaultServer

/// L12 on every backend: the sealed-secret slot is written and read only while the device is
/// not revoked, in the same statement, so a revocation that lands after the request's own check
/// (the route checks the account as it was when the request arrived) still wins.
@Suite struct SealedSecretRevocationTests {
    @Test(arguments: Backend.available)
    func aRevokedDeviceCanNeitherStoreNorReadItsSlot(_ backend: Backend) async throws {
        let repository = try await backend.makeRepository()
        let identity = try Identity()
        _ = try await repository.createAccount(identity.record())
        let device = identity.device.publicKey
        try await repository.setSealedSecret(identity.account, deviceKey: device, [1, 2, 3])
        #expect(try await repository.sealedSecret(identity.account, deviceKey: device) == [1, 2, 3])

        // The route checked "not revoked" a moment ago; the owner's revocation commits now.
        try await repository.revokeDevice(identity.account, key: device, at: Date().unixMilliseconds)
        try await repository.setSealedSecret(identity.account, deviceKey: device, [4, 5, 6])

        #expect(try await repository.sealedSecret(identity.account, deviceKey: device) == nil)
        let stored = try await repository.account(identity.account)?.devices.first { $0.key == device }
        #expect(stored?.hasSealedSecret == false)
    }
}
