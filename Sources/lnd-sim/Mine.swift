import ArgumentParser
import LNDSimulator

extension LNDSim {
    struct Mine: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mine blocks: confirms opens and closes, matures force closes.")
        @OptionGroup var target: ControlTarget
        @Argument var blocks: Int = 1
        func run() async throws { try await target.printAnswer { try await $0.mine(blocks: blocks) } }
    }
}
