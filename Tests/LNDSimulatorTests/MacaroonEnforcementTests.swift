import Foundation
import Testing
@testable import LNDSimulator
import Sodium
import Codecs

@Suite("Macaroons are checked on every request, with lnd's errors")
struct MacaroonEnforcementTests {
    @Test("missing, foreign, read-only and URI-scoped macaroons")
    func enforcement() async throws {
        try await SimulatorHarness.with { harness in
            try await harness.initWallet()
            #expect(try await harness.failure("GET", "/v1/getinfo", macaroon: nil) == "expected 1 macaroon, got 0")
            let readOnly = harness.readFile(harness.directory.readOnlyMacaroon)
            #expect(try await harness.call("GET", "/v1/getinfo", macaroon: readOnly).status == 200)
            #expect(try await harness.failure("POST", "/v1/channels/backup/restore", body: "{\"multi_chan_backup\":\"AA==\"}", macaroon: readOnly)
                == "permission denied")
            let invoice = harness.readFile(harness.directory.invoiceMacaroon)
            #expect(try await harness.failure("GET", "/v1/channels/backup", macaroon: invoice) == "permission denied")

            // The least-privilege macaroon the agent bakes (docs/lnd.md §3.4).
            let bake = """
                {"permissions":[{"entity":"uri","action":"/lnrpc.Lightning/ExportAllChannelBackups"},\
                {"entity":"uri","action":"/lnrpc.Lightning/SubscribeChannelBackups"},\
                {"entity":"uri","action":"/signrpc.Signer/DeriveSharedKey"}]}
                """
            let baked = try await harness.ok("POST", "/v1/macaroon", body: bake)
            let scoped = try #require(Hex.decode(baked["macaroon"]?.stringValue ?? ""))
            #expect(try await harness.call("GET", "/v1/channels/backup", macaroon: scoped).status == 200)
            #expect(try await harness.failure("GET", "/v1/getinfo", macaroon: scoped) == "permission denied")
            #expect(try await harness.failure("GET", "/v1/channels", macaroon: scoped) == "permission denied")
            #expect(try await harness.failure("POST", "/v1/macaroon",
                                              body: "{\"permissions\":[{\"entity\":\"uri\",\"action\":\"/lnrpc.Lightning/Nope\"}]}",
                                              macaroon: harness.adminMacaroon)
                == "invalid permission action, must be an existing URI in the format /package.Service/MethodName")
            #expect(try await harness.failure("POST", "/v1/macaroon", body: "{\"permissions\":[]}", macaroon: harness.adminMacaroon)
                == "permission list cannot be empty. specify at least one action/entity pair")

            // A macaroon of another node (another root key) and a damaged one.
            let other = try Macaroon.mint(
                rootKey: SecureBytes.random(count: 32),
                identifier: MacaroonIdentifier(nonce: Random.bytes(16), storageID: Array("0".utf8), permissions: MacaroonOperation.admin).serialized(),
                location: "lnd")
            #expect(try await harness.failure("GET", "/v1/getinfo", macaroon: other.serialized())
                == "verification failed: signature mismatch after caveat verification")
            var damaged = harness.adminMacaroon
            damaged[damaged.count - 1] ^= 1
            #expect(try await harness.failure("GET", "/v1/getinfo", macaroon: damaged)
                == "verification failed: signature mismatch after caveat verification")
            // State and unlocker calls need none.
            #expect(try await harness.call("GET", "/v1/state", macaroon: nil).status == 200)
        }
    }

    @Test("a stream refused by the macaroon check answers with one error line and lnd's HTTP status")
    func streamRefused() async throws {
        try await SimulatorHarness.with { harness in
            try await harness.initWallet()
            let reply = try await harness.call("GET", "/v1/channels/backup/subscribe", macaroon: nil)
            #expect(reply.status == 500)
            #expect(reply.json["error"]?["message"] == .string("expected 1 macaroon, got 0"))
        }
    }
}
