import ArgumentParser
import CommandLineSupport
import Foundation
import LightningPeer
import Recovery
import Secp256k1
import SeedKit

extension CasaRecover {
    /// `casa-recover trigger-force-close`: ask the peers of a node that lost its state to
    /// force-close, over the Lightning protocol itself (docs/force-close.md).
    struct TriggerForceClose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "trigger-force-close",
            abstract: "Ask each channel's peer to force-close it, as our node, over the Lightning protocol (like chantools triggerforceclose).",
            discussion: """
                Only for a node that lost its channel state, after a restore, when a peer does not close on its own; never \
                while the old node may still be running. For every channel of --backup (or only --channel-point), it \
                connects to the peer at its backup addresses (or --peer), sends channel_reestablish with zeroed numbers, \
                then an error for the channel, and reports what the peer did. Exit 0: every peer reacted; 75: some peers \
                were silent, unreachable or failed (run again later). Details: docs/recover-cli.md, docs/force-close.md.
                """
        )

        enum ReestablishForm: String, ExpressibleByArgument, CaseIterable {
            /// 48 bytes without data-loss fields, as chantools sends.
            case chantools
            /// 113 bytes with a zero secret and the point G.
            case full

            var library: ForceCloseTrigger.ReestablishForm { self == .full ? .withDataLossFields : .legacy }
        }

        @Option(help: "The backup whose channels to close: lnd's channel.backup or an exported single backup, raw or hex.")
        var backup: String?

        @Option(name: .customLong("channel-point"), help: ArgumentHelp(
            "Only this channel. Without --backup, --peer is required.", valueName: "txid:vout"))
        var channelPoint: String?

        @Option(name: .customLong("peer"), help: ArgumentHelp(
            "Reach this node here instead of at its backup addresses; repeat for more addresses or nodes.", valueName: "pubkey@host:port"))
        var peers: [String] = []

        @Option(help: "The node's network. With --backup it is read from the backup; without, mainnet unless given.")
        var network: BitcoinNetwork?

        @Flag(help: "Connect through Tor's SOCKS proxy at 127.0.0.1:9050 (needed for .onion addresses).")
        var tor = false

        @Option(help: ArgumentHelp("Connect through this SOCKS5 proxy (names are resolved by the proxy).", valueName: "host:port"))
        var socks: String?

        @Option(name: .customLong("reestablish-form"), help: "The channel_reestablish to send: chantools (48 bytes) or full (with data-loss fields).")
        var reestablishForm: ReestablishForm = .chantools

        @Option(name: .customLong("listen"), help: ArgumentHelp("Seconds to wait for the peer's answer after each message (1-300).", valueName: "seconds"))
        var listenSeconds: Int = 5

        @Flag(help: "Show what would be sent to whom; connect to nobody.")
        var dryRun = false

        @Flag(help: "Do not ask for confirmation (scripts). Read the risks in docs/force-close.md first.")
        var yes = false

        @OptionGroup var seed: SeedOptions

        @Flag(help: "Print exactly one JSON object instead of a table.")
        var json = false

        func validate() throws {
            if backup == nil && channelPoint == nil {
                throw ValidationError("say which channels: --backup FILE (all of its channels, or one with --channel-point), or --channel-point txid:vout with --peer pubkey@host:port")
            }
            if backup == nil && peers.isEmpty {
                throw ValidationError(TriggerError.peerNeeded.description)
            }
            if tor && socks != nil { throw ValidationError("give either --tor or --socks, not both") }
            guard (1...300).contains(listenSeconds) else { throw ValidationError("--listen must be between 1 and 300 seconds") }
            _ = try route()
            for peer in peers {
                do { _ = try TriggerPeerOverride(parsing: peer) } catch { throw ValidationError(error.description) }
            }
        }

        func route() throws -> ConnectionRoute {
            try ConnectionRoute.from(tor: tor, socks: socks)
        }

        func run() async throws {
            try await CommandRunner.run {
                let overrides = try peers.map { (text) throws -> TriggerPeerOverride in try TriggerPeerOverride(parsing: text) }
                let material = try seed.loader.load()
                let requests: [ForceCloseRequest]
                let nodeNetwork: BitcoinNetwork
                if let backup {
                    let blob = try BackupFile.read(path: backup)
                    let inspection = try BackupInspector().inspect(blob: blob, kind: nil, seed: material, network: network)
                    requests = try TriggerTargets.fromBackup(inspection.channels, only: channelPoint, overrides: overrides)
                    nodeNetwork = inspection.network
                } else {
                    requests = try TriggerTargets.single(channelPoint: channelPoint ?? "", overrides: overrides)
                    nodeNetwork = network ?? material.impliedNetwork ?? .mainnet
                }
                let nodeKey = try material.keyRing(for: nodeNetwork).privateKey(for: .nodeIdentity)
                let options = ForceCloseTrigger.Options(route: try route(), listen: .seconds(listenSeconds),
                                                        reestablishForm: reestablishForm.library)
                let plan = TriggerDryRun(requests: requests, node: nodeKey.publicKey, network: nodeNetwork, options: options)
                if dryRun {
                    print(json ? try plan.json() : "Dry run: nothing is sent, nobody is contacted.\n\n" + plan.text)
                    return
                }
                if !yes {
                    Self.progress(plan.text + "\n")
                    guard try TerminalPrompt.confirm(TriggerConfirmation.question(channels: requests.count)) else { throw RecoveryError.declined }
                }
                let reports = await ForceCloseTrigger(nodeKey: nodeKey, options: options).run(requests) { event in
                    Self.progress("[\(event.channel)] \(event.message)")
                }
                let report = TriggerReport(channels: reports)
                print(json ? try report.json() : TriggerText.render(report))
                if report.exitStatus != .success { throw ExitCode(report.exitStatus.rawValue) }
            }
        }

        static func progress(_ line: String) {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }
}
