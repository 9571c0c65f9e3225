import ArgumentParser
import LNDSimulator

extension LNDSim {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the simulator's state, channels and peers (JSON).")
        @OptionGroup var target: ControlTarget
        func run() async throws { try await target.printAnswer { try await $0.status() } }
    }
}
