import ArgumentParser
import LNDSimulator

extension LNDSim {
    struct Lock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Restart and stay LOCKED (ignore the password file once).")
        @OptionGroup var target: ControlTarget
        func run() async throws { try await target.printAnswer { try await $0.lock() } }
    }
}
