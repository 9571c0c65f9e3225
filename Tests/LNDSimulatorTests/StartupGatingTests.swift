import BackupCore
import Foundation
import Testing
@testable import LNDSimulator
import LightningTypes

@Suite("lnd's start-up gating and unlock-time restores (D10, D14, D16, D17)")
struct StartupGatingTests {
    func route(_ method: String, _ fullMethod: String) throws -> RESTRoute {
        try #require(RESTRoutes.all.first { $0.method == method && $0.fullMethod == fullMethod })
    }

    @Test("D16: ConnectPeer needs a started server; D17: the unlocker is refused while lnd waits to start")
    func gating() async throws {
        try await SimulatorHarness.with { harness in
            try await harness.initWallet()
            await harness.node.holdStartup(at: .rpcActive)
            try await harness.simulator.restart()
            _ = try await harness.ok("POST", "/v1/unlockwallet",
                                     body: "{\"wallet_password\":\"\(SimulatorHarness.base64(SimulatorHarness.password))\"}", macaroon: [])
            try await harness.waitFor(.rpcActive)
            let peer = "02" + String(repeating: "ab", count: 32)
            #expect(try await harness.failure("POST", "/v1/peers", body: "{\"addr\":{\"pubkey\":\"\(peer)\",\"host\":\"127.0.0.1:9735\"},\"perm\":true}",
                                              macaroon: harness.adminMacaroon) == "server is still in the process of starting")
            await harness.node.holdStartup(at: nil)
            try await harness.waitFor(.serverActive)

            await harness.node.goDown()
            #expect(await harness.node.walletState == .waitingToStart)
            let unlocker = try route("POST", "/lnrpc.WalletUnlocker/UnlockWallet")
            await #expect {
                try await harness.node.admit(unlocker, macaroonHeaders: [])
            } throws: { error in
                (error as? RPCError)?.message == "waiting to start, RPC services not available"
            }
            await harness.node.comeUp()
        }
    }

    @Test("D14: an empty restore request restores nothing and is no error")
    func emptyRestore() async throws {
        try await SimulatorHarness.with { harness in
            try await harness.initWallet()
            for body in ["{}", "{\"chan_backups\":{\"chan_backups\":[]}}"] {
                #expect(try await harness.ok("POST", "/v1/channels/backup/restore", body: body)["num_restored"] == .integer(0))
            }
        }
    }

    @Test("D10: channel_backups given to InitWallet that fail to restore stop lnd's start: it exits")
    func failingUnlockRestoreExits() async throws {
        try await SimulatorHarness.with { harness in
            try await harness.initWallet()
            _ = try await harness.node.openChannel(SimulatedNode.OpenRequest())
            let key = try await harness.scbKey()
            var multi = try LNDBackupCrypto.openMulti(blob: harness.readFile(harness.directory.channelBackup), key: key)
            multi.singles[0].addresses = []
            let blob = try LNDBackupCrypto.seal(multi, key: key)
            _ = try await harness.simulator.delete(.all)
            let words = SimulatorHarness.vectorAMnemonic.map { "\"\($0)\"" }.joined(separator: ",")
            let body = "{\"wallet_password\":\"\(SimulatorHarness.base64(SimulatorHarness.password))\",\"cipher_seed_mnemonic\":[\(words)],"
                + "\"aezeed_passphrase\":\"\(SimulatorHarness.base64(SimulatorHarness.vectorAPassphrase))\","
                + "\"channel_backups\":{\"multi_chan_backup\":{\"multi_chan_backup\":\"\(Data(blob).base64EncodedString())\"}}}"
            _ = try await harness.ok("POST", "/v1/initwallet", body: body, macaroon: [])
            var failure: String?
            for _ in 0..<500 where failure == nil {
                failure = await harness.node.startFailure
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(failure == "unable to start server: unable to restore channel backups: unable to connect to peer \(multi.singles[0].remoteNodePublicKey.hex) for SCB restore")
            #expect(await harness.node.walletState == .waitingToStart)
        }
    }
}
