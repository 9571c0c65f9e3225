import ArgumentParser
import LNDSimulator

extension LNDSim {
    struct OpenChannel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "open-channel", abstract: "Open a channel with a simulated peer.")
        @OptionGroup var target: ControlTarget
        @Option(help: "Peer pubkey or alias (a new peer when omitted).") var peer: String?
        @Option var capacity: Int64 = 1_000_000
        @Option(name: .customLong("local-balance")) var localBalance: Int64?
        @Option(help: "legacy, static-remote-key, anchors, anchors-zero-fee-htlc, script-enforced-lease, simple-taproot, taproot-overlay, taproot")
        var type: String = "anchors-zero-fee-htlc"
        @Flag(name: .customLong("private")) var isPrivate = false
        @Flag(name: .customLong("remote-initiator")) var remoteInitiator = false
        @Flag(help: "Leave it pending (no confirmation) until `mine`.") var pending = false
        @Flag(name: .customLong("no-close-tx-inputs"), help: "Write Singles like lnd before 0.19 (no CloseTxInputs).") var noCloseTxInputs = false

        func run() async throws {
            var opening = ChannelOpening()
            opening.peer = peer
            opening.capacity = capacity
            opening.localBalance = localBalance
            opening.type = type
            opening.isPrivate = isPrivate
            opening.weInitiated = !remoteInitiator
            opening.pending = pending
            opening.closeTxInputs = !noCloseTxInputs
            try await target.printAnswer { try await $0.openChannel(opening) }
        }
    }
}
