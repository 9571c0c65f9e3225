import ArgumentParser
import LNDSimulator

extension LNDSim {
    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the REST server (lnd is down; the control port stays).")
        @OptionGroup var target: ControlTarget
        func run() async throws { try await target.printAnswer { try await $0.stop() } }
    }
}
