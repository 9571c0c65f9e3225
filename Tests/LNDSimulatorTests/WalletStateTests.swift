import Foundation
import Sodium
import Testing
@testable import LNDSimulator
import LightningTypes

@Suite("Wallet states and lnd's gating errors, over HTTPS")
struct WalletStateTests {
    @Test("NON_EXISTING → GenSeed → InitWallet → SERVER_ACTIVE, with lnd's errors at each gate")
    func createAndGate() async throws {
        try await SimulatorHarness.with { harness in
        #expect(try await harness.ok("GET", "/v1/state", macaroon: [])["state"] == .string("NON_EXISTING"))
        #expect(try await harness.failure("GET", "/v1/getinfo") == "wallet not created, create one to enable full RPC access")
        #expect(try await harness.failure("GET", "/v1/state/nope", status: 404) == "Not Found")
        #expect(try await harness.failure("DELETE", "/v1/getinfo", status: 501) == "Method Not Allowed")

        let seed = try await harness.ok("GET", "/v1/genseed", macaroon: [])
        let words = try #require(seed["cipher_seed_mnemonic"]?.arrayValue).compactMap(\.stringValue)
        #expect(words.count == 24)
        #expect(Data(base64Encoded: seed["enciphered_seed"]?.stringValue ?? "")?.count == 33)

        let short = "{\"wallet_password\":\"\(SimulatorHarness.base64("short"))\",\"cipher_seed_mnemonic\":[\(words.map { "\"\($0)\"" }.joined(separator: ","))]}"
        #expect(try await harness.failure("POST", "/v1/initwallet", body: short) == "password must have at least 8 characters")

        await harness.node.holdStartup(at: .unlocked)
        let body = "{\"wallet_password\":\"\(SimulatorHarness.base64(SimulatorHarness.password))\",\"cipher_seed_mnemonic\":[\(words.map { "\"\($0)\"" }.joined(separator: ","))]}"
        let reply = try await harness.ok("POST", "/v1/initwallet", body: body, macaroon: [])
        let admin = Array(Data(base64Encoded: reply["admin_macaroon"]?.stringValue ?? "") ?? Data())
        #expect(admin == harness.readFile(harness.directory.adminMacaroon))
        #expect(try await harness.ok("GET", "/v1/state", macaroon: [])["state"] == .string("UNLOCKED"))
        #expect(try await harness.failure("GET", "/v1/getinfo", macaroon: admin)
            == "the RPC server is in the process of starting up, but not yet ready to accept calls")
        #expect(try await harness.failure("POST", "/v1/unlockwallet", body: "{}")
            == "wallet already unlocked, WalletUnlocker service is no longer available")

        await harness.node.holdStartup(at: .rpcActive)
        try await harness.waitFor(.rpcActive)
        #expect(try await harness.ok("GET", "/v1/getinfo", macaroon: admin)["identity_pubkey"]?.stringValue?.count == 66)
        #expect(try await harness.failure("POST", "/v1/channels/backup/restore", body: "{\"multi_chan_backup\":\"AA==\"}", macaroon: admin)
            == "server is still in the process of starting")

        await harness.node.holdStartup(at: nil)
        try await harness.waitFor(.serverActive)
        #expect(try await harness.failure("GET", "/v1/genseed") == "wallet already unlocked, WalletUnlocker service is no longer available")
        }
    }

    @Test("restart comes back LOCKED; a wrong password gets lnd's error; the right one unlocks")
    func restartAndUnlock() async throws {
        try await SimulatorHarness.with { harness in
        try await harness.initWallet()
        let identity = try await harness.ok("GET", "/v1/getinfo")["identity_pubkey"]
        try await harness.simulator.restart()
        #expect(try await harness.ok("GET", "/v1/state", macaroon: [])["state"] == .string("LOCKED"))
        #expect(try await harness.failure("GET", "/v1/getinfo") == "wallet locked, unlock it to enable full RPC access")
        #expect(try await harness.failure("POST", "/v1/initwallet", body: "{}") == "wallet already exists")
        #expect(try await harness.failure("POST", "/v1/unlockwallet", body: "{\"wallet_password\":\"\(SimulatorHarness.base64("wrong password"))\"}")
            == "invalid passphrase for master public key")
        try await harness.unlock()
        #expect(try await harness.ok("GET", "/v1/getinfo")["identity_pubkey"] == identity)
        }
    }

    @Test("the password file unlocks at every start; lock ignores it once")
    func autoUnlock() async throws {
        try await SimulatorHarness.with(configuration: { root in
            SimulatorConfiguration(
                lndDirectory: root, adminPort: nil,
                autoUnlockPassword: try? .init(copying: Array(SimulatorHarness.password.utf8)),
                seedWords: SimulatorHarness.vectorAMnemonic,
                aezeedPassphrase: Array(SimulatorHarness.vectorAPassphrase.utf8), startupStepDelay: .milliseconds(10))
        }) { harness in
        try await harness.waitFor(.serverActive)
        let admin = harness.readFile(harness.directory.adminMacaroon)
        #expect(try await harness.ok("GET", "/v1/getinfo", macaroon: admin)["identity_pubkey"]
            == .string("03b755f6efcd3816a2de3360932b6e80801f11c9fe25c5c4453ca27d06d8b620ae"))
        try await harness.simulator.restart()
        try await harness.waitFor(.serverActive)
        try await harness.simulator.lock()
        #expect(await harness.node.walletState == .locked)
        }
    }
}
