import ArgumentParser
import LNDSimulator

extension LNDSim {
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete channel.backup, wallet.db, channel.db, tls, macaroons or all (the whole lnd dir).")
        @OptionGroup var target: ControlTarget
        @Argument var what: String
        func run() async throws { try await target.printAnswer { try await $0.delete(what) } }
    }
}
