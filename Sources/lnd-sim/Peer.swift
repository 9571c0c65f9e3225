import ArgumentParser
import LNDSimulator

extension LNDSim {
    struct Peer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a simulated peer: offline, online, move HOST:PORT, silent (ignores data-loss reestablish), responsive.")
        @OptionGroup var target: ControlTarget
        @Argument(help: "offline | online | move | silent | responsive") var action: String
        @Argument(help: "Peer pubkey, alias or unique pubkey prefix.") var peer: String
        @Argument(help: "New host:port for `move`.") var host: String?

        func run() async throws {
            let change: PeerChange
            switch action {
            case "offline": change = .offline
            case "online": change = .online
            case "silent": change = .silent
            case "responsive": change = .responsive
            case "move":
                guard let host else { throw ValidationError("move needs the new host:port") }
                change = .move(host: host)
            default: throw ValidationError("unknown action \(action)")
            }
            try await target.printAnswer { try await $0.changePeer(peer, change) }
        }
    }
}
