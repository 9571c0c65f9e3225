import ArgumentParser
import LNDSimulator

extension LNDSim {
    struct Restart: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Restart the simulated lnd (REST goes down, comes back LOCKED, auto-unlocks if configured).")
        @OptionGroup var target: ControlTarget
        func run() async throws { try await target.printAnswer { try await $0.restart() } }
    }
}
