import BackupCore
import BlobStorage
import Foundation
import Sodium
import VaultAPI
import VaultClient

/// The doctor's vault calls: one attempt each (no retries), and the vault's response key as
/// recorded, never recorded by the doctor (it changes nothing on disk).
enum DoctorVault {
    /// A client for `key` (a throwaway key for the unauthenticated routes).
    static func client(_ configuration: AgentConfiguration, url: String, account: AccountID?, key: Ed25519.KeyPair) throws -> VaultClient {
        var clientConfiguration = try VaultClientConfiguration(
            baseURL: url, account: account ?? AccountID(bytes: [UInt8](repeating: 0, count: AccountID.byteCount))!, transport: configuration.vaultTransport)
        clientConfiguration.retry = .none
        let recorded = try RecordedVaultKey.load(configuration.vaultResponseKeyPath)
        return try VaultClient(configuration: clientConfiguration, key: key, responseKey: VaultResponseKeyPin(key: recorded))
    }

    /// `POST /v1/challenges` (unauthenticated), with the local clock before and after.
    static func challenge(_ configuration: AgentConfiguration, url: String) async throws -> (answer: ChallengeResponse, sent: Date, received: Date) {
        let client = try client(configuration, url: url, account: nil, key: try DeviceKey.generate().keyPair)
        let sent = Date()
        let answer = try await client.challengeResponse()
        return (answer, sent, Date())
    }

    /// CurlHTTP's pin mismatch, as VaultClient words it (`HTTPClientError.vaultDescription`).
    static func isPinMismatch(_ error: any Error) -> Bool {
        "\(error)".contains("is not the pinned one")
    }

    static var vaultURLFix: String { "set vault_url (or --vault-url) to your vault's address, then `casa-backupd enroll`" }
}
