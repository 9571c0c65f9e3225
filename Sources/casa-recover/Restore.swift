import ArgumentParser
import CommandLineSupport
import Foundation
import Recovery
import SeedKit
import LightningTypes

extension CasaRecover {
    /// `casa-recover restore`: bring the channels back into a new lnd and see them through.
    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restore your channels into a new lnd from the newest snapshot, and follow through until every peer closes.",
            discussion: """
                If lnd has no wallet, it is created from the same words (InitWallet) after checking that the words are the \
                node the backup belongs to; if it has one, its identity must match the words before anything is touched. \
                Waits for lnd to be ready, restores the channels lnd does not have (in batches), reconnects peers at their \
                current graph addresses and retries on a schedule. It never asks a peer directly to force-close unless \
                --escalate is given and confirmed (never for legacy channels). Progress is saved in --work-dir \
                (restore-state.json, channel.backup, mode 0600): run the same command again after a crash or Ctrl-C and it \
                resumes. Exit 0 only when every channel's outcome is proven by lnd (its close acted on on chain: pending \
                force close or closed, with the txid; or lnd had it already); 75 while any is not (run it again later, or \
                follow with `casa-recover status`).
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

        @OptionGroup var selection: SnapshotSelection

        @Option(help: "Addresses lnd scans for on-chain funds when it creates the wallet.")
        var recoveryWindow: Int32 = 2500

        @Option(name: .customLong("wallet-password-file"), help: "File with lnd's wallet password (new wallet: at least 8 characters). Without it you are asked on the terminal.")
        var walletPasswordFile: String?

        @OptionGroup var escalation: RestoreEscalationOptions

        @OptionGroup var peerOptions: RestorePeerOptions

        @Option(help: ArgumentHelp(
            "Stop waiting for lnd to become ready after this long (e.g. 90s, 30m, 2h; a bare number is minutes): exit 75, the progress is kept, run again to resume. Default: wait as long as lnd needs (a rescan can take hours).",
            valueName: "duration"))
        var waitLimit: String?

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
                return RestoreSchedule(serverWaitLimit: try waitLimit.map(RestoreWaitLimit.parse), reconnectPauses: pauses.map { .seconds($0) })
            }
        }

        func validate() throws {
            _ = try schedule
            if backup != nil && (snapshots.given || selection.given) {
                throw ValidationError("--backup FILE replaces --vault, --from, --snapshot and --branch")
            }
        }

        func run() async throws {
            try await CommandRunner.run {
                let source: RestoreFlow.Source
                if let backup {
                    source = .backupFile(backup)
                } else {
                    source = .snapshots(try snapshots.locations, choice: selection.choice, depth: try snapshots.readDepth, askBranch: !json)
                }
                let flow = RestoreFlow(
                    source: source, network: network, workDir: workDir, recoveryWindow: recoveryWindow, walletPasswordFile: walletPasswordFile,
                    escalation: escalation.armed, peerAddresses: try peerOptions.addresses(), schedule: try schedule, timings: timings)
                let quiet = json
                try await flow.run(
                    seed: seed.loader, connectLND: { try lnd.connect(network: network) }, confirm: TerminalPrompt.confirm,
                    progress: { if !quiet { FileHandle.standardOutput.write(Data(("· " + $0 + "\n").utf8)) } },  // unbuffered: seen at once in a log file too
                    deliver: { print(json ? try JSONOutput.render($0) : RestoreText.render($0)) },
                    timingsReport: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
            }
        }
    }
}
