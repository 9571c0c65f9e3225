import ArgumentParser
import LNDSimulator

extension LNDSim {
    struct Corrupt: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Flip a byte in channel.backup, wallet.db, channel.db, tls or macaroons.")
        @OptionGroup var target: ControlTarget
        @Argument var file: String
        func run() async throws { try await target.printAnswer { try await $0.corrupt(file) } }
    }
}
