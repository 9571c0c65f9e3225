import ArgumentParser
import Foundation
import LNDSimulator
import LightningTypes

extension LNDSim {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run the simulator until SIGINT/SIGTERM.")

        @Option(help: "lnd directory (created with lnd's layout if missing).") var lnddir: String
        @Option(help: "Network: mainnet, testnet, testnet4, signet, regtest, simnet.") var network: String = "regtest"
        @Option(name: .customLong("rest-port"), help: "REST (HTTPS) port on 127.0.0.1; 0 picks one.") var restPort: Int = 0
        @Option(name: .customLong("admin-port"), help: "Control (HTTP) port on 127.0.0.1; 0 picks one.") var adminPort: Int = 0
        @Option(name: .customLong("seed-words-file"), help: "Create the wallet from these 24 aezeed words at start (needs --wallet-password-file).")
        var seedWordsFile: String?
        @Option(name: .customLong("aezeed-passphrase-file"), help: "aezeed passphrase for --seed-words-file.") var aezeedPassphraseFile: String?
        @Option(name: .customLong("wallet-password-file"), help: "Unlock with this password at every start (lnd's wallet-unlock-password-file).")
        var walletPasswordFile: String?
        @Option(name: .customLong("startup-delay-ms"), help: "Pause between UNLOCKED, RPC_ACTIVE and SERVER_ACTIVE.") var startupDelayMs: Int = 200
        @Option(name: .customLong("sync-blocks-per-second"), help: ArgumentHelp(
            "The simulated clock of the wallet's sync in RPC_ACTIVE (a wallet restored from the words rescans from its birthday, lnd waits for it before SERVER_ACTIVE). 0: only `lnd-sim sync N` advances it.",
            valueName: "blocks"))
        var syncBlocksPerSecond: Double = 20

        func run() async throws {
            guard let network = BitcoinNetwork(rawValue: network) else {
                throw ValidationError("unknown network \(network); use one of \(BitcoinNetwork.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var configuration = SimulatorConfiguration(
                lndDirectory: URL(fileURLWithPath: lnddir), network: network, restPort: restPort, adminPort: adminPort,
                startupStepDelay: .milliseconds(max(startupDelayMs, 0)), syncBlocksPerSecond: max(syncBlocksPerSecond, 0))
            do {
                try configuration.readSecretFiles(walletPassword: walletPasswordFile, seedWords: seedWordsFile, aezeedPassphrase: aezeedPassphraseFile)
            } catch {
                throw ValidationError(error.message)
            }
            let simulator = try Simulator(configuration: configuration)
            try await simulator.start()
            let rest = await simulator.restPort ?? 0
            let admin = await simulator.adminPort ?? 0
            // Unbuffered, so a script reading the ports sees them at once.
            let banner = "lnd-sim (SIMULATED lnd, for tests and demos) lnddir=\(simulator.directory.root.path) network=\(network.rawValue)\n"
                + "rest=https://127.0.0.1:\(rest) admin=http://127.0.0.1:\(admin)\n"
            FileHandle.standardOutput.write(Data(banner.utf8))
            await SignalWaiter.wait(for: [SIGINT, SIGTERM])
            await simulator.shutdown()
        }
    }
}
