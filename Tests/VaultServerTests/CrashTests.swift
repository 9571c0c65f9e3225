import BlobStorage
import Foundation
import Sodium
import Testing
import TestSupport
import VaultAPI
import Codecs

/// "2xx means committed": SIGKILL the server during an upload load, restart it on the same
/// data folder, and read back every acknowledged version byte for byte.
@Suite struct CrashTests {
    actor Acks {
        var blobs: [(name: BlobName, version: UInt64, data: [UInt8])] = []
        func add(_ name: BlobName, _ version: UInt64, _ data: [UInt8]) { blobs.append((name, version, data)) }
        var count: Int { blobs.count }
    }

    @Test func sigkillDuringUploadsLosesNoAcknowledgedBlob() async throws {
        let directory = try TemporaryDirectory.create(prefix: "casa-vault-test")
        let server = try VaultProcess(dataDirectory: directory)
        let baseURL = "http://127.0.0.1:\(server.port)"
        let identity = try Identity()
        let owner = SignedHTTPClient(baseURL: baseURL, key: identity.owner)
        let enrollment = try JSONEncoder().encode(CreateAccountRequest(
            livenessKey: Hex.encode(identity.liveness.publicKey),
            device: DeviceRegistration(key: Hex.encode(identity.device.publicKey), label: "crash test")))
        #expect(try await owner.send("PUT", VaultPath.account(identity.account), body: [UInt8](enrollment), contentType: "application/json").status == 201)

        let acks = Acks()
        let device = SignedHTTPClient(baseURL: baseURL, key: identity.device)
        // 8 uploaders, each at most 300 versions of its own name; they stop at the first failure.
        let uploads = Task {
            await withTaskGroup(of: Void.self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        guard let name = try? BlobName("crash-\(writer)") else { return }
                        for version in UInt64(1)...300 {
                            let data = Random.bytes(4096)
                            guard let hash = try? BlobStoreConformance.hash(data),
                                  let response = try? await device.send(
                                    "PUT", VaultPath.version(identity.account, name, version), body: data,
                                    contentType: "application/octet-stream", headers: [VaultHeader.contentHash: hash.hex]),
                                  response.status == 201 else { return }
                            await acks.add(name, version, data)
                        }
                    }
                }
            }
        }
        // Kill once a good number of puts were acknowledged (bounded wait).
        for _ in 0..<600 where await acks.count < 200 {
            try await Task.sleep(for: .milliseconds(20))
        }
        server.kill()
        await uploads.value
        let acknowledged = await acks.blobs
        #expect(acknowledged.count >= 1, "some puts were acknowledged before the kill")

        let restarted = try VaultProcess(dataDirectory: directory)
        defer { restarted.terminate() }
        let reader = SignedHTTPClient(baseURL: "http://127.0.0.1:\(restarted.port)", key: identity.owner)
        var missing = 0
        for ack in acknowledged {
            // Right after a restart the vault takes challenges, not timestamps (review L1).
            let response = try await reader.send("GET", VaultPath.version(identity.account, ack.name, ack.version), freshness: .challenge)
            if response.status != 200 || response.body != ack.data { missing += 1 }
        }
        #expect(missing == 0, "\(missing) of \(acknowledged.count) acknowledged blobs did not come back byte-exact")
    }
}
