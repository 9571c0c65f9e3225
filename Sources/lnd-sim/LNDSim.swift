import ArgumentParser
import Foundation
import LNDSimulator
import SeedKit
import Sodium
import LightningTypes

/// lnd-sim: a SIMULATED lnd for casa's tests and demos. It is not lnd and moves no money.
@main
struct LNDSim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lnd-sim",
        abstract: "A simulated lnd (REST over TLS, macaroons, wallet states, SCBs) for tests and demos. Not lnd.",
        discussion: "Start it with `lnd-sim run`; the other subcommands drive a running simulator through its control port. See docs/lnd-sim.md.",
        subcommands: [
            Run.self, Status.self, Restart.self, Lock.self, Stop.self, Start.self, Hold.self, Sync.self, Mine.self, Fault.self,
            AddPeer.self, Peer.self, OpenChannel.self, SingleVersion.self, CloseChannel.self, Corrupt.self, Delete.self, BakeMacaroon.self,
        ])
}

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
        if let walletPasswordFile {
            configuration.autoUnlockPassword = try SecureBytes(copying: try readTrimmed(walletPasswordFile))
        }
        if let seedWordsFile {
            guard configuration.autoUnlockPassword != nil else {
                throw ValidationError("--seed-words-file needs --wallet-password-file (the new wallet's password)")
            }
            configuration.seedWords = String(decoding: try readTrimmed(seedWordsFile), as: UTF8.self)
                .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).map(String.init)
        }
        if let aezeedPassphraseFile { configuration.aezeedPassphrase = try readTrimmed(aezeedPassphraseFile) }
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

    /// Reads a secret file, trimming a trailing newline like lnd does for password files.
    private func readTrimmed(_ path: String) throws -> [UInt8] {
        guard var bytes = FileManager.default.contents(atPath: path).map({ Array($0) }) else {
            throw ValidationError("cannot read \(path)")
        }
        while let last = bytes.last, last == 0x0a || last == 0x0d { bytes.removeLast() }
        return bytes
    }
}
