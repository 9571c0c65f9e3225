import BackupCore
import Foundation
import Testing
import TestSupport
@testable import LNDSimulator
import Sodium
import Codecs
import LightningTypes

@Suite("Real keys and real SCBs: vector A seed, DeriveSharedKey, channel.backup, export and verify")
struct KeysAndBackupsTests {
    @Test("vector A seed gives lnd's node key, SCB key and domain-point secret (docs/lnd.md §3.4, §6.1)")
    func vectorAKeys() async throws {
        try await SimulatorHarness.with { harness in
            try await harness.initWallet()
            let info = try await harness.ok("GET", "/v1/getinfo")
            #expect(info["identity_pubkey"] == .string("03b755f6efcd3816a2de3360932b6e80801f11c9fe25c5c4453ca27d06d8b620ae"))
            #expect(info["chains"]?.arrayValue?.first?["network"] == .string("regtest"))
            #expect(Hex.encode(try await harness.scbKey().unsafeCopy()) == "3511033a9808c4d75acbb2478b56cf7f4d20046f42499fe384ec17c62bce41b6")
            let point = Data(Hex.decode("02891574b20654c2c3492d1f2e4d2d885ed41f9ac36a80616fecaa2239043417b0") ?? []).base64EncodedString()
            let reply = try await harness.ok("POST", "/v2/signer/sharedkey", body: "{\"ephemeral_pubkey\":\"\(point)\"}")
            #expect(Hex.encode(Data(base64Encoded: reply["shared_key"]?.stringValue ?? "") ?? Data())
                == "a63ce9a34466033adc32afe359a9b35235f38ff2d05f2db068b4cb2885a4bd60")
            // lnd's argument checks.
            #expect(try await harness.failure("POST", "/v2/signer/sharedkey", body: "{\"ephemeral_pubkey\":\"AAAA\"}", macaroon: harness.adminMacaroon)
                == "ephemeral pubkey must be serialized in compressed format")
            #expect(try await harness.failure("POST", "/v2/signer/sharedkey", body: "{\"ephemeral_pubkey\":\"\(point)\",\"key_desc\":{}}", macaroon: harness.adminMacaroon)
                == "when setting key_desc the field key_desc.key_loc must also be set")
            #expect(try await harness.failure("POST", "/v2/signer/sharedkey",
                                              body: "{\"ephemeral_pubkey\":\"\(point)\",\"key_desc\":{\"key_loc\":{}},\"key_loc\":{}}", macaroon: harness.adminMacaroon)
                == "use either key_desc or key_loc")
        }
    }

    @Test("VerifyChanBackup accepts the real lnd Multi of vector A and rejects a corrupt one")
    func verifyRealBackup() async throws {
        let vector = try VectorFile.load("scb", "anchors-multi.vector")
        try await SimulatorHarness.with { harness in
            try await harness.initWallet()
            let blob = Data(vector.body).base64EncodedString()
            let reply = try await harness.ok("POST", "/v1/channels/backup/verify", body: "{\"multi_chan_backup\":{\"multi_chan_backup\":\"\(blob)\"}}")
            #expect(reply["chan_points"] == .array([.string("b693017b60d52190b40eaedca9570fc04ee217f66dbbfd4311af799c5774d681:0")]))
            var corrupt = vector.body
            corrupt[100] ^= 1
            #expect(try await harness.failure("POST", "/v1/channels/backup/verify",
                                              body: "{\"multi_chan_backup\":{\"multi_chan_backup\":\"\(Data(corrupt).base64EncodedString())\"}}", macaroon: harness.adminMacaroon)
                == "chacha20poly1305: message authentication failed")
        }
    }

    @Test("channels of every type produce real SCBs: export, channel.backup and per-channel export agree")
    func exportMatchesFile() async throws {
        try await SimulatorHarness.with { harness in
            try await harness.initWallet()
            var points: [String] = []
            for type in SimulatedCommitmentType.allCases {
                var request = SimulatedNode.OpenRequest()
                request.commitmentType = type
                request.closeTxInputs = type != .legacy
                points.append(try await harness.node.openChannel(request).channelPoint)
            }
            let key = try await harness.scbKey()
            let file = try LNDBackupCrypto.openMulti(blob: harness.readFile(harness.directory.channelBackup), key: key)
            #expect(Set(file.singles.map(\.fundingOutpoint.description)) == Set(points))
            #expect(Set(file.singles.map(\.version)) == Set(SingleBackupVersion.allCases))
            let snapshot = try await harness.ok("GET", "/v1/channels/backup")
            let multiBlob = Array(Data(base64Encoded: snapshot["multi_chan_backup"]?["multi_chan_backup"]?.stringValue ?? "") ?? Data())
            let exported = try LNDBackupCrypto.openMulti(blob: multiBlob, key: key)
            // The same channels; lnd writes the file in random (Go map) order, the export in DB order (D2).
            #expect(Set(exported.singles) == Set(file.singles) && exported.singles.count == file.singles.count)
            #expect(exported.singles.map(\.fundingOutpoint.description) == points)
            let singles = try #require(snapshot["single_chan_backups"]?["chan_backups"]?.arrayValue)
            #expect(singles.count == points.count)
            for entry in singles {
                let blob = Array(Data(base64Encoded: entry["chan_backup"]?.stringValue ?? "") ?? Data())
                let single = try LNDBackupCrypto.openSingle(blob: blob, key: key)
                let txidBytes = Array(Data(base64Encoded: entry["chan_point"]?["funding_txid_bytes"]?.stringValue ?? "") ?? Data())
                #expect(txidBytes == single.fundingOutpoint.txidInternal)
            }
            let (txid, index) = (points[0].split(separator: ":")[0], points[0].split(separator: ":")[1])
            let one = try await harness.ok("GET", "/v1/channels/backup/{chan_point.funding_txid_str}/{chan_point.output_index}",
                                           path: "/v1/channels/backup/\(txid)/\(index)")
            #expect(one["chan_point"]?["funding_txid_str"] == .string(String(txid)))
            let listed = try await harness.ok("GET", "/v1/channels")
            #expect(listed["channels"]?.arrayValue?.count == points.count)
            #expect(Set(listed["channels"]?.arrayValue?.compactMap { $0["commitment_type"]?.stringValue } ?? [])
                == ["LEGACY", "STATIC_REMOTE_KEY", "ANCHORS", "SCRIPT_ENFORCED_LEASE", "SIMPLE_TAPROOT", "SIMPLE_TAPROOT_OVERLAY", "TAPROOT"])
        }
    }

    @Test("a local force close stays in channel.backup until fully resolved; the RPC snapshot drops it at confirmation")
    func forceCloseLifecycle() async throws {
        try await SimulatorHarness.with { harness in
            try await harness.initWallet()
            let channel = try await harness.node.openChannel(SimulatedNode.OpenRequest())
            let key = try await harness.scbKey()
            func fileChannels() throws -> [String] {
                try LNDBackupCrypto.openMulti(blob: harness.readFile(harness.directory.channelBackup), key: key).singles.map(\.fundingOutpoint.description)
            }
            let parts = channel.channelPoint.split(separator: ":")
            let close = try await harness.stream("/v1/channels/{channel_point.funding_txid_str}/{channel_point.output_index}",
                                                 path: "/v1/channels/\(parts[0])/\(parts[1])?force=true", method: "DELETE",
                                                 macaroon: harness.adminMacaroon)
            defer { close.close() }
            let pending = try #require(try await close.next())
            #expect(pending["result"]?["close_pending"]?["local_close_tx"] == .bool(true))
            let waiting = try await harness.ok("GET", "/v1/channels/pending")
            #expect(waiting["waiting_close_channels"]?.arrayValue?.count == 1)
            await harness.node.mine(1)
            let closed = try #require(try await close.next())
            #expect(closed["result"]?["chan_close"]?["success"] == .bool(true))
            #expect(try await close.next() == nil)
            // lnd acts on the spend only 3 blocks deep (CloseConfsForCapacity).
            await harness.node.mine(2)
            #expect(try fileChannels() == [channel.channelPoint])
            let snapshot = try await harness.ok("GET", "/v1/channels/backup")
            #expect(snapshot["multi_chan_backup"]?["chan_points"]?.arrayValue?.isEmpty == true)
            let forceClosing = try await harness.ok("GET", "/v1/channels/pending")
            #expect(forceClosing["pending_force_closing_channels"]?.arrayValue?.count == 1)
            await harness.node.mine(144)
            #expect(try fileChannels().isEmpty)
            // Fee fields with force, and unknown channels, get lnd's errors.
            #expect(try await harness.failure("DELETE", "/v1/channels/{channel_point.funding_txid_str}/{channel_point.output_index}",
                                              path: "/v1/channels/\(parts[0])/\(parts[1])?force=true&sat_per_vbyte=5",
                                              macaroon: harness.adminMacaroon) == "force closing a channel uses a pre-defined fee")
        }
    }
}
