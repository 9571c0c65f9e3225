import ArgumentParser
import BuildInfo

/// lnd-sim: a SIMULATED lnd for casa's tests and demos. It is not lnd and moves no money.
@main
struct LNDSim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lnd-sim",
        abstract: "A simulated lnd (REST over TLS, macaroons, wallet states, SCBs) for tests and demos. Not lnd.",
        discussion: "Start it with `lnd-sim run`; the other subcommands drive a running simulator through its control port. See docs/lnd-sim.md.",
        version: BuildInfo.version,
        subcommands: [
            Run.self, Status.self, Restart.self, Lock.self, Stop.self, Start.self, Hold.self, Sync.self, Mine.self, Fault.self,
            AddPeer.self, Peer.self, OpenChannel.self, SingleVersion.self, CloseChannel.self, Corrupt.self, Delete.self, BakeMacaroon.self,
        ])
}
