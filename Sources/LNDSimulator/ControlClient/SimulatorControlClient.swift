import Codecs
import CurlHTTP
import Foundation

/// The client of a running simulator's control port (docs/lnd-sim.md "Control"): what the
/// `lnd-sim` subcommands call. Every answer is the simulator's JSON text.
public struct SimulatorControlClient: Sendable {
    public let port: Int
    let http: CurlHTTPClient

    public init(port: Int) throws {
        self.port = port
        http = try CurlHTTPClient(configuration: HTTPClientConfiguration(security: .loopbackPlainHTTP))
    }

    /// The control port of the simulator running in `lndDirectory`, which records it there.
    public static func port(recordedIn lndDirectory: String) throws(SimulatorControlError) -> Int {
        let file = URL(fileURLWithPath: lndDirectory).appendingPathComponent(Simulator.adminPortFileName)
        guard let text = try? String(contentsOf: file, encoding: .utf8), let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw SimulatorControlError("no running simulator found in \(lndDirectory) (missing \(file.path)); give --admin-port")
        }
        return port
    }

    public func status() async throws -> String { try await send(.get, "/status") }
    public func restart() async throws -> String { try await send(.post, "/restart") }
    public func lock() async throws -> String { try await send(.post, "/lock") }
    public func stop() async throws -> String { try await send(.post, "/stop") }
    public func start() async throws -> String { try await send(.post, "/start") }
    /// Holds start-up at `state` (UNLOCKED or RPC_ACTIVE); an empty state releases it.
    public func hold(at state: String) async throws -> String { try await send(.post, "/hold", ["state": .string(state)]) }
    public func sync(blocks: Int) async throws -> String { try await send(.post, "/sync", ["blocks": .integer(Int64(blocks))]) }
    public func mine(blocks: Int) async throws -> String { try await send(.post, "/mine", ["blocks": .integer(Int64(blocks))]) }
    public func breakStreams(_ fault: String) async throws -> String { try await send(.post, "/faults/stream", ["fault": .string(fault)]) }

    public func addPeer(alias: String?, implementation: String?, host: String?) async throws -> String {
        var fields: [(String, JSONValue)] = []
        if let alias { fields.append(("alias", .string(alias))) }
        if let implementation { fields.append(("implementation", .string(implementation))) }
        if let host { fields.append(("host", .string(host))) }
        return try await send(.post, "/peers", .object(fields))
    }

    public func changePeer(_ peer: String, _ change: PeerChange) async throws -> String {
        try await send(.post, "/peers/update", .object([("peer", .string(peer))] + change.fields))
    }

    public func openChannel(_ opening: ChannelOpening) async throws -> String { try await send(.post, "/channels/open", opening.body) }

    public func setSingleVersion(channelPoint: String, version: Int) async throws -> String {
        try await send(.post, "/channels/single-version", ["channel_point": .string(channelPoint), "version": .integer(Int64(version))])
    }

    /// `by`: local (our force close), remote (the peer force-closes) or cooperative.
    public func closeChannel(channelPoint: String, by: String) async throws -> String {
        try await send(.post, "/channels/close", ["channel_point": .string(channelPoint), "by": .string(by)])
    }

    public func corrupt(_ target: String) async throws -> String { try await send(.post, "/data/corrupt", ["target": .string(target)]) }
    public func delete(_ target: String) async throws -> String { try await send(.post, "/data/delete", ["target": .string(target)]) }

    public func bakeMacaroon(permissions: [String]) async throws -> String {
        try await send(.post, "/macaroon", .object([("permissions", .array(permissions.map(JSONValue.string)))]))
    }

    /// Bakes a macaroon and writes its binary form to `path` (0600, created new).
    public func saveMacaroon(permissions: [String], to path: String) async throws {
        let answer = try await bakeMacaroon(permissions: permissions)
        guard let hex = (try? JSONParser.parse(answer))?["macaroon"]?.stringValue, let bytes = Hex.decode(hex) else {
            throw SimulatorControlError(answer)
        }
        try PosixFile.writeAndSync(bytes, to: URL(fileURLWithPath: path), mode: 0o600)
    }

    private func send(_ method: HTTPMethod, _ path: String, _ fields: KeyValuePairs<String, JSONValue>) async throws -> String {
        try await send(method, path, .object(fields.map { ($0.key, $0.value) }))
    }

    private func send(_ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil) async throws -> String {
        var request = HTTPRequest(method: method, url: "http://127.0.0.1:\(port)\(path)")
        if let body {
            request.headers = ["Content-Type": "application/json"]
            request.body = .bytes(body.serializedBytes())
        }
        let response = try await http.send(request)
        let text = String(decoding: response.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard response.status == 200 else { throw SimulatorControlError(text) }
        return text
    }
}
