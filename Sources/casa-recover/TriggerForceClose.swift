import ArgumentParser
import CommandLineSupport
import Foundation
import Recovery
import SeedKit
import LightningTypes

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
            do { _ = try peerRoute.route() } catch { throw ValidationError(error.description) }
            for peer in peers {
                do { _ = try TriggerPeerOverride(parsing: peer) } catch { throw ValidationError(error.description) }
            }
        }

        var peerRoute: PeerRouteFlags { PeerRouteFlags(tor: tor, socks: socks) }

        var flow: ForceCloseTriggerFlow {
            ForceCloseTriggerFlow(backup: backup, channelPoint: channelPoint, peers: peers, network: network, route: peerRoute,
                                  reestablishWithDataLossFields: reestablishForm == .full, listenSeconds: listenSeconds,
                                  dryRun: dryRun, confirmed: yes, json: json)
        }

        func run() async throws {
            try await CommandRunner.run {
                let outcome = try await flow.run(seed: seed.loader, confirm: TerminalPrompt.confirm, progress: Self.progress)
                print(outcome.output)
                if outcome.exitStatus != .success { throw ExitCode(outcome.exitStatus.rawValue) }
            }
        }

        static func progress(_ line: String) {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }
}
