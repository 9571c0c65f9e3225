import Foundation
import Testing
@testable import LNDSimulator

@Suite("Every endpoint answers in lnd's JSON shape (swagger in Tests/Vectors/lnd-api)")
struct SchemaConformanceTests {
    @Test("the validator is strict: missing fields, extra fields, numbers for int64 and broken oneofs fail")
    func validatorIsStrict() throws {
        let validator = try SwaggerValidator.load()
        let good = try JSONParser.parse(#"{"state":"LOCKED"}"#)
        try validator.validate(method: "GET", pattern: "/v1/state", status: 200, body: good)
        for bad in [#"{}"#, #"{"state":"LOCKED","extra":1}"#, #"{"state":"CLOSED"}"#] {
            #expect(throws: SwaggerValidator.Violation.self) {
                try validator.validate(method: "GET", pattern: "/v1/state", status: 200, body: try JSONParser.parse(bad))
            }
        }
        let numberForInt64 = try JSONParser.parse(#"{"num_restored":1}"#)
        try validator.validate(method: "POST", pattern: "/v1/channels/backup/restore", status: 200, body: numberForInt64)
        let pendingAsNumber = try JSONParser.parse(#"{"total_limbo_balance":0,"pending_open_channels":[],"pending_closing_channels":[],"pending_force_closing_channels":[],"waiting_close_channels":[]}"#)
        #expect(throws: SwaggerValidator.Violation.self) {
            try validator.validate(method: "GET", pattern: "/v1/channels/pending", status: 200, body: pendingAsNumber)
        }
        let bothOneofs = try JSONParser.parse(#"{"result":{"close_pending":{"txid":"","output_index":0,"fee_per_vbyte":"0","local_close_tx":true},"chan_close":{"closing_txid":"","success":true,"local_close_output":{"amount_sat":"0","pk_script":"","is_local":true,"custom_channel_data":""},"remote_close_output":{"amount_sat":"0","pk_script":"","is_local":false,"custom_channel_data":""},"additional_outputs":[]}}}"#)
        #expect(throws: SwaggerValidator.Violation.self) {
            try validator.validate(method: "DELETE", pattern: "/v1/channels/{channel_point.funding_txid_str}/{channel_point.output_index}",
                                   status: 200, body: bothOneofs, streamLine: true)
        }
    }

    @Test("every route the simulator serves exists in lnd's API with the same method")
    func routesExistInLnd() throws {
        let validator = try SwaggerValidator.load()
        for route in RESTRoutes.all {
            let pattern = "/" + route.pattern.joined(separator: "/")
            #expect(validator.hasPath(method: route.method, pattern: pattern), "\(route.method) \(pattern)")
        }
    }

    @Test("all read endpoints, with channels in every phase, validate")
    func everyEndpoint() async throws {
        try await SimulatorHarness.with { harness in
            try await harness.initWallet()
            let open = try await harness.node.openChannel(SimulatedNode.OpenRequest())
            var pending = SimulatedNode.OpenRequest()
            pending.pending = true
            _ = try await harness.node.openChannel(pending)
            let closing = try await harness.node.openChannel(SimulatedNode.OpenRequest())
            _ = try await harness.node.forceClose(channelPoint: closing.channelPoint)
            let remote = try await harness.node.openChannel(SimulatedNode.OpenRequest())
            _ = try await harness.node.peerCloses(channelPoint: remote.channelPoint, cooperative: false)
            let forced = try await harness.node.openChannel(SimulatedNode.OpenRequest())
            _ = try await harness.node.forceClose(channelPoint: forced.channelPoint)
            // 3 blocks: lnd acts on the closes (CloseConfsForCapacity), the peer's one is not swept yet.
            await harness.node.mine(3)
            _ = try await harness.node.forceClose(channelPoint: open.channelPoint)

            _ = try await harness.ok("GET", "/v1/getinfo")
            _ = try await harness.ok("GET", "/v1/channels")
            _ = try await harness.ok("GET", "/v1/channels", path: "/v1/channels?active_only=true")
            let pendingChannels = try await harness.ok("GET", "/v1/channels/pending")
            #expect(pendingChannels["pending_open_channels"]?.arrayValue?.count == 0, "mining confirmed the pending one")
            // The peer's close was confirmed by the next open's block: 4 deep, acted on and swept.
            #expect(pendingChannels["pending_force_closing_channels"]?.arrayValue?.count == 2)
            #expect(pendingChannels["waiting_close_channels"]?.arrayValue?.count == 1)
            let closed = try await harness.ok("GET", "/v1/channels/closed")["channels"]?.arrayValue ?? []
            #expect(closed.map { $0["channel_point"]?.stringValue } == [remote.channelPoint], "the peer's close is swept a block later")
            #expect(closed.first?["close_type"] == .string("REMOTE_FORCE_CLOSE"))
            #expect(closed.first?["closing_tx_hash"]?.stringValue?.count == 64)
            #expect(try await harness.ok("GET", "/v1/channels/closed", path: "/v1/channels/closed?cooperative=true")["channels"] == .array([]))
            _ = try await harness.ok("GET", "/v1/channels/backup")
            _ = try await harness.ok("GET", "/v1/peers")
            _ = try await harness.ok("GET", "/v1/state")
            let me = try await harness.ok("GET", "/v1/getinfo")["identity_pubkey"]?.stringValue ?? ""
            _ = try await harness.ok("GET", "/v1/graph/node/{pub_key}", path: "/v1/graph/node/\(me)")
            _ = try await harness.failure("GET", "/v1/channels/backup/{chan_point.funding_txid_str}/{chan_point.output_index}",
                                          path: "/v1/channels/backup/\(String(repeating: "ab", count: 32))/0", macaroon: harness.adminMacaroon)
        }
    }
}
