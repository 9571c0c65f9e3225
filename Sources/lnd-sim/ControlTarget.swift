import ArgumentParser
import LNDSimulator

/// Where a running simulator's control port is: --admin-port, or the port file in --lnddir.
struct ControlTarget: ParsableArguments {
    @Option(name: .customLong("admin-port"), help: "Control port of the running simulator.") var adminPort: Int?
    @Option(help: "lnd directory of the running simulator (its control port is recorded there).") var lnddir: String?

    func client() throws -> SimulatorControlClient {
        if let adminPort { return try SimulatorControlClient(port: adminPort) }
        guard let lnddir else { throw ValidationError("give --admin-port or --lnddir of the running simulator") }
        return try SimulatorControlClient(port: SimulatorControlClient.port(recordedIn: lnddir))
    }

    /// Runs one control call and prints the simulator's JSON answer.
    func printAnswer(_ call: (SimulatorControlClient) async throws -> String) async throws {
        print(try await call(client()))
    }
}
