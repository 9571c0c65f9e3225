import Foundation
import Testing
@testable import LNDSimulator

/// D15: lnd's REST gateway decodes a body with protojson and no DiscardUnknown, so a field the
/// message does not declare fails with HTTP 400, code 3, before any state or macaroon check.
@Suite("Unknown JSON fields are refused like lnd's gateway")
struct UnknownFieldTests {
    @Test("a top-level or nested unknown field: 400, code 3, before the wallet state and the macaroon")
    func refusedFirst() async throws {
        try await SimulatorHarness.with { harness in
            // NON_EXISTING and no macaroon: both would fail later, the unknown field fails first.
            let (status, json) = try await harness.call("POST", "/v1/peers", body: #"{"addr":{"pubkey":"02aa","host":"h:1"},"prem":true}"#, macaroon: [])
            #expect(status == 400)
            #expect(json["code"] == .integer(3))
            #expect(json["message"] == .string(#"proto: (line 1:40): unknown field "prem""#))
            let nested = try await harness.failure("POST", "/v2/signer/sharedkey", body: #"{"key_desc":{"key_loc":{"key_famly":7}}}"#,
                                                   macaroon: [], status: 400)
            #expect(nested == #"proto: (line 1:25): unknown field "key_famly""#)
            let multiline = try await harness.failure("POST", "/v1/unlockwallet", body: "{\n  \"wallet_password\": \"eA==\",\n  \"recovery\": 1\n}",
                                                      macaroon: [], status: 400)
            #expect(multiline == #"proto: (line 3:3): unknown field "recovery""#)
        }
    }

    @Test("proto and lowerCamelCase names pass; the call then meets the usual checks")
    func declaredNamesPass() async throws {
        try await SimulatorHarness.with { harness in
            let camel = try await harness.failure("POST", "/v1/unlockwallet", body: #"{"walletPassword":"eA==","recoveryWindow":10}"#, macaroon: [])
            #expect(!camel.contains("unknown field"))
            try await harness.initWallet()
            let restore = try await harness.failure(
                "POST", "/v1/channels/backup/restore",
                body: #"{"chan_backups":{"chan_backups":[{"chan_point":{"funding_txid_str":"00","output_index":0},"chan_backup":"AA=="}]}}"#)
            #expect(!restore.contains("unknown field"))
            let typo = try await harness.failure("POST", "/v1/channels/backup/restore", body: #"{"multi_chan_backups":"AA=="}"#, status: 400)
            #expect(typo == #"proto: (line 1:2): unknown field "multi_chan_backups""#)
        }
    }
}
