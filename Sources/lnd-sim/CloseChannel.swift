import ArgumentParser
import LNDSimulator

extension LNDSim {
    struct CloseChannel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close-channel", abstract: "Close a channel (txid:index).")
        @OptionGroup var target: ControlTarget
        @Argument var channelPoint: String
        @Option(help: "local (our force close), remote (the peer force-closes) or cooperative.") var by: String = "remote"
        func run() async throws { try await target.printAnswer { try await $0.closeChannel(channelPoint: channelPoint, by: by) } }
    }
}
