import BlobStorage
import CurlHTTP
import Foundation
public import VaultAPI

/// Account and device administration (docs/vault-api.md, "Routes"); the key decides the role
/// (owner for these, except `account()` which a device may call too).
extension VaultClient {
    /// The account, with its devices when called with the owner key.
    public func account() async throws -> AccountResponse {
        try decodeJSON(AccountResponse.self, await perform(.get, path: VaultPath.account(configuration.account)))
    }

    /// Creates the account (owner key matching the account id), optionally with its first device.
    /// Passes the vault's gate (docs/vault-api.md "Opening an account"): `invite` is sent as
    /// `Casa-Invite`; a vault that asks a proof of work gets one, solved over a fresh challenge.
    public func createAccount(_ request: CreateAccountRequest, invite: String? = nil) async throws -> AccountResponse {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let invite { headers.replaceOrAdd(name: VaultHeader.invite, value: invite) }
        let body = Array(try JSONEncoder().encode(request))
        do {
            return try decodeJSON(AccountResponse.self, await perform(.put, path: VaultPath.account(configuration.account), body: body, headers: headers))
        } catch let error as BlobStoreError where error.detailCode == VaultErrorCode.workRequired.rawValue {
            let challenge = try await challengeResponse()
            headers.replaceOrAdd(name: VaultHeader.work, value: try AccountCreationWorkSolver.solve(
                challenge: challenge.challenge, account: configuration.account, bits: challenge.workBits ?? 0))
            return try decodeJSON(AccountResponse.self, await perform(.put, path: VaultPath.account(configuration.account), body: body, headers: headers))
        }
    }

    /// Registers (or relabels) a device key.
    public func registerDevice(key: [UInt8], label: String) async throws -> DeviceInfo {
        try decodeJSON(DeviceInfo.self, await perform(
            .put, path: VaultPath.device(configuration.account, key: key),
            body: Array(JSONEncoder().encode(RegisterDeviceRequest(label: label))), headers: ["Content-Type": "application/json"]
        ))
    }

    /// Revokes a device for good (owner only).
    public func revokeDevice(key: [UInt8]) async throws -> DeviceInfo {
        try decodeJSON(DeviceInfo.self, await perform(.delete, path: VaultPath.device(configuration.account, key: key)))
    }

    func decodeJSON<T: Decodable>(_ type: T.Type, _ response: HTTPResponse) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(response.body))
        } catch {
            throw BlobStoreError(.unavailable, "the vault sent an unreadable \(T.self): \(error)")
        }
    }
}
