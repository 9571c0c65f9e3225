import ArgumentParser
import LNDSimulator

extension LNDSim {
    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start the REST server again after `stop`.")
        @OptionGroup var target: ControlTarget
        func run() async throws { try await target.printAnswer { try await $0.start() } }
    }
}
