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
        try await LiveVault.withServer(configure: { $0.idleTimeoutSeconds = 2 }) { vault in
            let identity = try await vault.enroll(Identity())
            let body = Random.bytes(4096)
            let path = VaultPath.version(identity.account, try BlobName("slow"), 1)
            let head = try RawConnection.signedPutHead(path: path, body: body, device: identity.device)
            let port = vault.port
            // 64 bytes every 100 ms from a thread of its own (a busy test pool cannot stretch the
            // gaps into an idle timeout): never idle for 2 s, but 4 KiB would take 6.4 s. Stops as
            // soon as the server answers (writing on would make it reset the connection), and
            // after 50 chunks (5 s, two and a half times the deadline) at most.
            let response = try await offPool {
                let connection = try RawConnection(port: port)
                try connection.write(head)
                for chunk in 0..<50 where !connection.isReadable(within: 100) {
                    do { try connection.write(Array(body[(chunk * 64)..<((chunk + 1) * 64)])) } catch { break }
                }
                return try connection.readResponse()
            }
            #expect(response.status == 408, "\(String(decoding: response.body, as: UTF8.self))")
            #expect(String(decoding: response.body, as: UTF8.self).contains(VaultErrorCode.requestTimeout.rawValue))

            let health = try await vault.client(nil).raw("GET", VaultPath.health)
            #expect(health.status == 200, "the server still serves")
            let stored = try await vault.client(identity.owner).send("GET", VaultPath.blobs(identity.account))
            #expect(try stored.json(BlobListResponse.self).blobs.isEmpty, "nothing was stored")
        }
    }
}
