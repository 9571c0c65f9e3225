import ArgumentParser
import Foundation
import Recovery
import SeedKit
import Sodium

extension CasaRecover {
    /// `casa-recover restore`: bring the channels back into a new lnd and see them through.
    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restore your channels into a new lnd from the newest snapshot, and follow through until every peer closes.",
            discussion: """
                If lnd has no wallet, it is created from the same words (InitWallet) after checking that the words are the \
                node the backup belongs to; if it has one, its identity must match the words before anything is touched. \
                Waits for lnd to be ready, restores the channels lnd does not have (in batches), reconnects peers at their \
                current graph addresses, retries on a schedule and escalates stuck channels to the force-close trigger. \
                Progress is saved in --work-dir (restore-state.json, channel.backup, mode 0600): run the same command again \
                after a crash or Ctrl-C and it resumes. Exit 0 when every channel is closing or already present, 75 when \
                some still wait for their peer (run it again later).
                """
        )

        @OptionGroup var snapshots: SnapshotOptions

        @Option(help: ArgumentHelp("Restore from lnd's own channel.backup (raw or hex) instead of a snapshot.", valueName: "file"))
        var backup: String?

        @OptionGroup var lnd: LNDOptions

        @Option(help: "The node's network (used for lnd's macaroon path and the keys).")
        var network: BitcoinNetwork = .mainnet

        @Option(help: ArgumentHelp("Folder for the restore's state and the channel.backup used (created 0700).", valueName: "dir"))
        var workDir: String = "casa-restore"

        @Option(name: .customLong("snapshot"), help: "The snapshot to restore: a vault version or a local file's sequence. Default: the newest.")
        var version: UInt64?

        @Option(help: "Addresses lnd scans for on-chain funds when it creates the wallet.")
        var recoveryWindow: Int32 = 2500

        @Option(name: .customLong("wallet-password-file"), help: "File with lnd's wallet password (new wallet: at least 8 characters). Without it you are asked on the terminal.")
        var walletPasswordFile: String?

        @Flag(help: "Do not ask the peer directly to force-close stuck channels; only report them.")
        var noTrigger = false

        @Option(help: ArgumentHelp("Seconds between reconnect rounds for peers that have not closed yet, comma-separated.", valueName: "s,s,..."))
        var reconnectPauses: String = "15,60,180"

        @OptionGroup var seed: SeedOptions

        @Flag(help: "Print exactly one JSON object instead of progress and a table.")
        var json = false

        @Flag(help: "Print to stderr how long each phase took (key derivation, vault fetch, decrypt, lnd calls).")
        var timings = false

        var schedule: RestoreSchedule {
            get throws {
                let fields = reconnectPauses.split(separator: ",", omittingEmptySubsequences: false)
                let pauses = fields.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.filter { (0...86_400).contains($0) }
                guard !fields.isEmpty, pauses.count == fields.count else {
                    throw ValidationError("--reconnect-pauses takes whole seconds (0 to 86400) separated by commas, e.g. 15,60,180")
                }
                return RestoreSchedule(reconnectPauses: pauses.map { .seconds($0) })
            }
        }

        func validate() throws {
            _ = try schedule
            if backup != nil && (snapshots.vault != nil || snapshots.from != nil || version != nil) {
                throw ValidationError("--backup FILE replaces --vault, --from and --snapshot")
            }
        }

        func run() async throws {
            try await CommandRunner.run {
                let phases = timings ? PhaseTimings() : nil
                let location = backup == nil ? try snapshots.location : nil
                let loaded = try seed.loader.loadWords()
                phases?.lap(PhaseName.keyDerivation)
                let snapshot: OpenedSnapshot
                if let backup {
                    snapshot = try RawBackupSnapshot.open(path: backup, seed: loaded.material, network: network)
                    phases?.lap(PhaseName.decrypt)
                } else if let location {
                    snapshot = try await SnapshotLoader.load(seed: loaded.material, network: network, location: location, timings: phases)
                        .pick(number: version)
                } else {
                    throw ValidationError("say where the backup is: --vault URL, --from DIR or --backup FILE")
                }
                try FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                let backupPath = (workDir as NSString).appendingPathComponent("channel.backup")
                try ChannelBackupWriter.write(snapshot.lndBackup, to: backupPath, force: true)
                phases?.lap(PhaseName.writeBackup)
                defer { phases.map { FileHandle.standardError.write(Data(($0.report(uncounted: [PhaseName.followThrough]) + "\n").utf8)) } }

                let client = try lnd.connect(network: network)
                let passwords = WalletPasswordReader(file: walletPasswordFile)
                let secrets = RestoreSecrets(mnemonic: loaded.words, passphrase: loaded.passphrase, walletPassword: { try passwords.read(creating: $0) })
                let escalation: (any ForceCloseEscalation)? = noTrigger ? nil
                    : PeerTriggerEscalation(nodeKey: try snapshot.keys.keyRing.privateKey(for: .nodeIdentity))
                let quiet = json
                let restorer = ChannelRestorer(
                    lnd: client, escalation: escalation,
                    stateFile: RestoreStateFile(path: (workDir as NSString).appendingPathComponent("restore-state.json")),
                    schedule: try schedule,
                    progress: { if !quiet { print("· " + $0) } },
                    timings: phases)
                let report = try await restorer.run(snapshot, secrets: secrets, recoveryWindow: recoveryWindow)
                print(json ? try JSONOutput.render(report) : RestoreText.render(report))
                if !report.complete { throw RecoveryError.incomplete("some channels still wait for their peer") }
            }
        }
    }
}
