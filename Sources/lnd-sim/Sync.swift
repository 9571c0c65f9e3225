import ArgumentParser
import LNDSimulator

extension LNDSim {
    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Let the wallet's chain sync (RPC_ACTIVE) scan N more blocks at once.")
        @OptionGroup var target: ControlTarget
        @Argument var blocks: Int = 1
        func run() async throws { try await target.printAnswer { try await $0.sync(blocks: blocks) } }
    }
}
