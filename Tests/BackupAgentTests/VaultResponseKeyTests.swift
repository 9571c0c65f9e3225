import BackupAgent
import BackupCore
import BlobStorage
import CurlHTTP
import Foundation
import Logging
import Sodium
import Testing
import TestSupport
import VaultAPI
import VaultClient
import VaultServer
import Codecs

/// Review M3: the agent records the vault's response key when it enrolls, and an upload counts
/// only with a receipt signed by it, so a man in the middle cannot make `checkpoint --wait`
/// report success while the vault has nothing (docs/agent.md "Vault response key").
@Suite("Vault response key")
struct VaultResponseKeyTests {
    @Test("Enrolling records the vault's key; a proxy that fakes the upload receipt gets no acknowledgement; the real vault's receipt does")
    func fakedReceiptIsNotAcknowledged() async throws {
        let data = try TestSupport.TemporaryDirectory()
        let repository = try SQLiteVaultRepository(directory: data.path + "/vault")
        var configuration = VaultConfiguration()
        configuration.port = 0
        configuration.logLevel = "error"
        configuration.retentionIntervalSeconds = 0
        let vault = try await RunningVault.start(configuration: configuration, repository: repository)
        let vaultURL = "http://127.0.0.1:\(vault.port)"
        let proxy = try await ReceiptFakingProxy.start(upstream: vaultURL)
        do {
            let owner = try OwnerKey(entropy: .random(count: 16))
            let device = try DeviceKey.generate()
            let keyPath = data.path + "/state/vault-response-key"
            func connection(_ url: String) throws -> VaultConnection {
                try VaultConnection(baseURL: url, account: owner.accountID, deviceKey: device, responseKey: RecordedVaultKey.pin(path: keyPath))
            }

            // Enrollment (as `casa-backupd enroll` wires it) records the key at its first answer.
            let enrolling = try connection(vaultURL)
            try await enrolling.createAccount(owner: owner, livenessPublicKey: try Ed25519.KeyPair.generate().publicKey)
            try await enrolling.registerDevice(owner: owner, devicePublicKey: device.publicKey)
            let published = try await VaultClient(
                configuration: VaultClientConfiguration(baseURL: vaultURL, account: owner.accountID, security: .loopbackPlainHTTP),
                key: device.keyPair).vaultKey()
            #expect(try RecordedVaultKey.load(keyPath) == published)

            let store = MemorySnapshotStore()
            _ = try store.save(sealed: Random.bytes(200), multiHash: Random.bytes(32), channelCount: 1, createdAt: Date())
            let name = try BlobName("scb")
            var logger = Logger(label: "uploader-test")
            logger.logLevel = .critical

            // Through the proxy: every answer but the receipt is the vault's own, signed.
            let status = AgentStatus()
            let fooled = Uploader(store: store, vault: try connection(proxy.baseURL), blobName: name, status: status, logger: logger)
            #expect(await fooled.drain() != nil)
            #expect(store.uploadedSequences.isEmpty)
            #expect(status.current.lastUploadError?.contains("not signed by the vault this device enrolled with") == true)
            let vaultAccount = owner.accountID
            #expect(try await repository.listBlobs(vaultAccount).isEmpty)

            // Straight to the vault, the same queue drains: the receipt is signed and counts.
            try await Task.sleep(for: .milliseconds(60))  // The store's retry backoff in this test is 50 ms.
            let direct = Uploader(store: store, vault: try connection(vaultURL), blobName: name, status: status, logger: logger)
            #expect(await direct.drain() == nil)
            #expect(store.uploadedSequences == [1])
            #expect(try await repository.versions(vaultAccount, name, after: nil, limit: 10).map(\.version) == [1])
        } catch {
            await proxy.stop()
            await vault.stop()
            throw error
        }
        await proxy.stop()
        await vault.stop()
    }

    @Test("A device enrolled before the vault signed its answers records the key at its first request, and logs it")
    func olderEnrollmentRecordsAtFirstUse() async throws {
        let data = try TestSupport.TemporaryDirectory()
        var configuration = VaultConfiguration()
        configuration.port = 0
        configuration.logLevel = "error"
        configuration.retentionIntervalSeconds = 0
        let vault = try await RunningVault.start(configuration: configuration, repository: try SQLiteVaultRepository(directory: data.path + "/vault"))
        do {
            let vaultURL = "http://127.0.0.1:\(vault.port)"
            let owner = try OwnerKey(entropy: .random(count: 16))
            let device = try DeviceKey.generate()
            // Enrolled by an agent that recorded nothing.
            let legacy = try VaultConnection(baseURL: vaultURL, account: owner.accountID, deviceKey: device)
            try await legacy.createAccount(owner: owner, livenessPublicKey: try Ed25519.KeyPair.generate().publicKey)
            try await legacy.registerDevice(owner: owner, devicePublicKey: device.publicKey)

            let keyPath = data.path + "/state/vault-response-key"
            let log = CapturedLog()
            let upgraded = try VaultConnection(
                baseURL: vaultURL, account: owner.accountID, deviceKey: device, responseKey: RecordedVaultKey.pin(path: keyPath, logger: log.logger))
            let sealed = Random.bytes(100)
            _ = try await upgraded.put(try BlobName("scb"), version: 1, data: sealed, contentHash: try ContentHash(SHA256.hash(sealed)))
            let recorded = try #require(try RecordedVaultKey.load(keyPath))
            #expect(log.messages.contains { $0.contains("recorded the vault's response key \(Hex.encode(recorded))") && $0.contains("trusted on first use") })
            // From then on it is checked, not learned again.
            _ = try await upgraded.list()
            #expect(log.messages.count == 1)
        } catch {
            await vault.stop()
            throw error
        }
        await vault.stop()
    }

    @Test("A recorded key file that is not a key is a clear error")
    func badRecordedKey() throws {
        let data = try TestSupport.TemporaryDirectory()
        let path = try data.write("vault-response-key", text: "not hex\n")
        #expect { _ = try RecordedVaultKey.load(path) } throws: { "\($0)".contains("64 hex digits") }
        #expect(try RecordedVaultKey.load(data.path + "/none") == nil)
    }
}
