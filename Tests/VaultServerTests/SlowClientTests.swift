import BlobStorage
import Foundation
import Sodium
import Testing
import TestSupport
import VaultAPI
import VaultServer

/// Slow clients: a body that keeps trickling past the deadline is answered 408 (the deadline is
/// checked as each chunk arrives), and the server goes on serving others meanwhile.
@Suite struct SlowClientTests {
    @Test func aBodyTrickledPastTheDeadlineIs408() async throws {
        try await LiveVault.withServer(configure: { $0.idleTimeoutSeconds = 1 }) { vault in
            let identity = try await vault.enroll(Identity())
            let body = Random.bytes(4096)
            let path = VaultPath.version(identity.account, try BlobName("slow"), 1)
            let connection = try RawConnection(port: vault.port)
            try connection.write(RawConnection.signedPutHead(path: path, body: body, device: identity.device))
            // 64 bytes every 300 ms: never idle for a whole second, but 4 KiB would take 19 s.
            // Bounded: 10 chunks (3 s, three times the deadline), then read the answer.
            for chunk in 0..<10 {
                try await Task.sleep(for: .milliseconds(300))
                do { try connection.write(Array(body[(chunk * 64)..<((chunk + 1) * 64)])) } catch { break }
            }
            let response = try connection.readResponse()
            #expect(response.status == 408, "\(String(decoding: response.body, as: UTF8.self))")
            #expect(String(decoding: response.body, as: UTF8.self).contains(VaultErrorCode.requestTimeout.rawValue))

            let health = try await vault.client(nil).raw("GET", VaultPath.health)
            #expect(health.status == 200, "the server still serves")
            let stored = try await vault.client(identity.owner).send("GET", VaultPath.blobs(identity.account))
            #expect(try stored.json(BlobListResponse.self).blobs.isEmpty, "nothing was stored")
        }
    }
}
