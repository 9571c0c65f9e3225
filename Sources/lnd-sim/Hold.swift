import ArgumentParser
import LNDSimulator

extension LNDSim {
    struct Hold: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Hold start-up at a state (UNLOCKED or RPC_ACTIVE); no argument releases it.")
        @OptionGroup var target: ControlTarget
        @Argument var state: String = ""
        func run() async throws { try await target.printAnswer { try await $0.hold(at: state) } }
    }
}
