import BackupCore
import Foundation
import LightningPeer
import Testing
@testable import LNDSimulator
import LightningTypes

@Suite("The drill control API (plain HTTP on loopback)")
struct ControlInterfaceTests {
    func control(_ harness: SimulatorHarness, _ method: String, _ path: String, _ body: String = "{}") async throws -> (Int, JSONValue) {
        let port = await harness.simulator.adminPort ?? 0
        let curl = Curl(certificate: harness.directory.tlsCertificate, scratch: harness.root)
        let reply = try await curl.requestOffPool(method, "http://127.0.0.1:\(port)\(path)", body: method == "POST" ? body : nil)
        return (reply.status, try JSONParser.parse(reply.body.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// A free loopback port in 20000–32767 (Linux hands out ephemeral ports from 32768 up).
    static func freePortBelowEphemeralRange() throws -> Int {
        for _ in 0..<200 {
            let port = UInt16.random(in: 20000...32767)
            if let probe = try? TCPListener(host: "127.0.0.1", port: port) {
                probe.close()
                return Int(port)
            }
        }
        throw CancellationError()
    }

    /// UnlockWallet, tried again while the restarted REST server does not accept connections yet
    /// (bounded: 10 s).
    static func unlockWhenListening(_ harness: SimulatorHarness) async throws {
        let body = "{\"wallet_password\":\"\(SimulatorHarness.base64(SimulatorHarness.password))\"}"
        for attempt in 0..<50 {
            do {
                _ = try await harness.ok("POST", "/v1/unlockwallet", body: body, macaroon: [])
                return
            } catch where attempt < 49 && "\(error)".contains("Failed to connect") {
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    @Test("open, close, mine, peers, corrupt and delete through the control port")
    func drills() async throws {
        // This test restarts lnd's REST server, which binds its port again: a port from the
        // kernel's ephemeral range can meanwhile be handed to another test's outgoing connection
        // (the rebind then fails on a busy machine), so it takes one below that range.
        let restPort = try Self.freePortBelowEphemeralRange()
        try await SimulatorHarness.with(configuration: { SimulatorConfiguration(lndDirectory: $0, restPort: restPort, adminPort: 0, startupStepDelay: .milliseconds(10)) }) { harness in
            let portFile = harness.directory.root.appendingPathComponent("lnd-sim-admin-port")
            #expect(FileManager.default.fileExists(atPath: portFile.path))
            #expect(try await control(harness, "POST", "/channels/open").0 == 400, "no wallet yet")
            try await harness.initWallet()
            let (status, opened) = try await control(harness, "POST", "/channels/open", #"{"capacity":500000,"type":"taproot"}"#)
            #expect(status == 200)
            let point = try #require(opened["channel_point"]?.stringValue)
            let peer = try #require(opened["peer"]?.stringValue)
            #expect(try await control(harness, "POST", "/peers/update", "{\"peer\":\"\(peer)\",\"online\":false}").0 == 200)
            #expect(try await harness.ok("GET", "/v1/getinfo")["num_inactive_channels"] == .integer(1))
            #expect(try await control(harness, "POST", "/channels/close", "{\"channel_point\":\"\(point)\",\"by\":\"remote\"}").0 == 200)
            #expect(try await control(harness, "POST", "/mine", #"{"blocks":4}"#).0 == 200)
            let status2 = try await control(harness, "GET", "/status").1
            #expect(status2["channels"]?.arrayValue?.first?["phase"] == .string("closed"))
            // Acted on 3 blocks deep, our output swept in the block after.
            #expect(status2["block_height"] == .integer(505))

            #expect(try await control(harness, "POST", "/data/corrupt", #"{"target":"channel.backup"}"#).0 == 200)
            let key = try await harness.scbKey()
            let corrupt = harness.readFile(harness.directory.channelBackup)
            #expect(throws: (any Error).self) { _ = try LNDBackupCrypto.openMulti(blob: corrupt, key: key) }
            // D7: lnd cannot update a file it cannot decrypt, so an event leaves it as it is...
            #expect(try await control(harness, "POST", "/channels/open").0 == 200)
            #expect(harness.readFile(harness.directory.channelBackup) == corrupt)
            // ...and it refuses to start with it (a restart comes up LOCKED, the unlock starts the server).
            let certificate = harness.readFile(harness.directory.tlsCertificate)
            #expect(try await control(harness, "POST", "/data/delete", #"{"target":"tls"}"#).0 == 200)
            #expect(harness.readFile(harness.directory.tlsCertificate) != certificate, "a new certificate after rotation")
            // The rotation restarts lnd's REST server; on a loaded machine its port may take a
            // moment to answer again.
            try await Self.unlockWhenListening(harness)
            var failure: JSONValue?
            for _ in 0..<200 where failure == nil || failure == .null {
                try await Task.sleep(for: .milliseconds(20))
                failure = try await control(harness, "GET", "/status").1["start_failure"]
            }
            #expect(failure == .string("unable to start server: unable to refresh backup file: unable to extract on disk encrypted SCB: "
                                       + "chacha20poly1305: message authentication failed"))
            #expect(harness.readFile(harness.directory.channelBackup) == corrupt)
            // The runbook's fix (recovery/corrupt-channel-backup.md): move the file aside, start lnd.
            #expect(try await control(harness, "POST", "/data/delete", #"{"target":"channel.backup"}"#).0 == 200)
            #expect(try await control(harness, "POST", "/start").0 == 200)
            try await Self.unlockWhenListening(harness)
            try await harness.waitFor(.serverActive)
            #expect(try LNDBackupCrypto.openMulti(blob: harness.readFile(harness.directory.channelBackup), key: key).singles.count == 1)
            #expect(try await control(harness, "POST", "/lock").1["state"] == .string("LOCKED"))
            #expect(try await control(harness, "POST", "/nope").0 == 400)
        }
    }
}
