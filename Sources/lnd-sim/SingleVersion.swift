import ArgumentParser
import LNDSimulator

extension LNDSim {
    struct SingleVersion: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "single-version",
            abstract: "Write a channel's Single in a version casa does not know (8), as a newer lnd would.")
        @OptionGroup var target: ControlTarget
        @Argument var channelPoint: String
        @Option var version: Int = 8
        func run() async throws { try await target.printAnswer { try await $0.setSingleVersion(channelPoint: channelPoint, version: version) } }
    }
}
