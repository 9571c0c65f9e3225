import BlobStorage
import Foundation
import Testing
import TestSupport
import VaultAPI
import VaultServer

/// Protocol-level attacks (issue §6): oversized header blocks, path aliases.
extension AttackTests {
    @Test func anOversizedHeaderBlockIs431WithJSONAndServerTime() async throws {
        try await LiveVault.withServer { vault in
            let big = try await vault.client(nil).raw("POST", VaultPath.challenges, headers: ["X-Padding": String(repeating: "a", count: 20 * 1024)])
            Self.expect(big, 431, .headersTooLarge)
            #expect(big.header(VaultHeader.serverTime).flatMap(Int64.init) != nil, "\(big.headers)")
            var many: [String: String] = [:]
            for i in 0..<(VaultLimits.maxHeaderFields + 1) { many["X-Field-\(i)"] = "1" }
            Self.expect(try await vault.client(nil).raw("POST", VaultPath.challenges, headers: many), 431, .headersTooLarge)
            #expect(try await vault.client(nil).raw("GET", VaultPath.health).status == 200, "the server still serves")
        }
    }

    @Test func aRequestThatIsNotHTTPIs400WithJSON() async throws {
        try await LiveVault.withServer { vault in
            let port = vault.port
            let response = try await offPool {
                let connection = try RawConnection(port: port)
                try connection.write(Array("GET /health HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n".utf8))
                return try connection.readResponse()
            }
            #expect(response.status == 400)
            #expect(String(decoding: response.body, as: UTF8.self).contains(VaultErrorCode.badRequest.rawValue))
        }
    }

    @Test func anEmptyPathSegmentIsNoAliasOfTheRoute() async throws {
        try await Self.withAccount { vault, identity in
            let alias = "/v1/accounts//\(identity.account.hex)/blobs"
            Self.expect(try await vault.client(identity.device).send("GET", alias), 404, .routeNotFound)
            Self.expect(try await vault.client(identity.device).send("GET", VaultPath.blobs(identity.account) + "//scb"), 404, .routeNotFound)
        }
    }
}
