import ArgumentParser
import LNDSimulator

extension LNDSim {
    struct BakeMacaroon: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bake-macaroon",
            abstract: "Bake a macaroon, e.g. uri:/lnrpc.Lightning/ExportAllChannelBackups offchain:read (prints JSON with the hex).")
        @OptionGroup var target: ControlTarget
        @Argument var permissions: [String]
        @Option(name: .customLong("save-to"), help: "Write the binary macaroon to this file (0600).") var saveTo: String?

        func run() async throws {
            guard let saveTo else {
                try await target.printAnswer { try await $0.bakeMacaroon(permissions: permissions) }
                return
            }
            try await target.client().saveMacaroon(permissions: permissions, to: saveTo)
            print("saved to \(saveTo)")
        }
    }
}
