import Foundation
import Testing
@testable import LNDSimulator
import LightningTypes

@Suite("D8: lnd waits in RPC_ACTIVE until its wallet synced with the chain (lnd.go:764-812)")
struct ChainSyncTests {
    @Test("a wallet restored from the words on a fresh node rescans from its birthday; GetInfo says synced_to_chain false until then")
    func restoredWalletRescans() async throws {
        try await SimulatorHarness.with(configuration: {
            SimulatorConfiguration(lndDirectory: $0, adminPort: nil, startupStepDelay: .milliseconds(10), syncBlocksPerSecond: 0)
        }) { harness in
            try await harness.initWallet()
            _ = try await harness.node.openChannel(SimulatedNode.OpenRequest())
            await harness.node.mine(9)
            #expect(await harness.node.world.height == 510)
            // A restart of a synced node rescans nothing.
            try await harness.simulator.restart()
            try await harness.unlock()

            _ = try await harness.simulator.delete(.all)
            let words = SimulatorHarness.vectorAMnemonic.map { "\"\($0)\"" }.joined(separator: ",")
            let body = "{\"wallet_password\":\"\(SimulatorHarness.base64(SimulatorHarness.password))\",\"cipher_seed_mnemonic\":[\(words)],\"aezeed_passphrase\":\"\(SimulatorHarness.base64(SimulatorHarness.vectorAPassphrase))\",\"recovery_window\":2500}"
            let reply = try await harness.ok("POST", "/v1/initwallet", body: body, macaroon: [])
            harness.adminMacaroon = Array(Data(base64Encoded: reply["admin_macaroon"]?.stringValue ?? "") ?? Data())
            try await harness.waitFor(.rpcActive)
            try await Task.sleep(for: .milliseconds(300))
            #expect(await harness.node.walletState == .rpcActive, "no clock: the rescan of 10 blocks waits")
            let info = try await harness.ok("GET", "/v1/getinfo")
            #expect(info["synced_to_chain"] == .bool(false))
            #expect(info["block_height"] == .integer(510))
            #expect(await harness.node.advanceChainSync(blocks: 9)["synced_height"] == .integer(509))
            try await Task.sleep(for: .milliseconds(200))
            #expect(await harness.node.walletState == .rpcActive)
            _ = await harness.node.advanceChainSync(blocks: 1)
            try await harness.waitFor(.serverActive)
            #expect(try await harness.ok("GET", "/v1/getinfo")["synced_to_chain"] == .bool(true))
        }
    }
}
