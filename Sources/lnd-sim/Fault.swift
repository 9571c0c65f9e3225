import ArgumentParser
import LNDSimulator

extension LNDSim {
    struct Fault: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Break the open server streams (SubscribeChannelBackups, SubscribeState).",
            discussion: "cut-mid-line drops the connection in the middle of a line; malformed-json sends a line that is not JSON, then drops it.")
        @OptionGroup var target: ControlTarget
        @Argument(help: "cut-mid-line or malformed-json") var fault: String
        func run() async throws { try await target.printAnswer { try await $0.breakStreams(fault) } }
    }
}
