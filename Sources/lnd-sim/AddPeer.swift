import ArgumentParser
import LNDSimulator

extension LNDSim {
    struct AddPeer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-peer", abstract: "Add a simulated peer.")
        @OptionGroup var target: ControlTarget
        @Option var alias: String?
        @Option(help: "Claimed implementation, e.g. \"cln v24.08\".") var implementation: String?
        @Option(help: "host:port it listens on.") var host: String?
        func run() async throws {
            try await target.printAnswer { try await $0.addPeer(alias: alias, implementation: implementation, host: host) }
        }
    }
}
