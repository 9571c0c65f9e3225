import Foundation
import Testing
@testable import LNDSimulator
import SeedKit
import Sodium
import Codecs
import LightningTypes
import TestSupport

/// A simulator in a temporary lnd directory, reached over real HTTPS on loopback with curl.
/// Every REST reply and stream line is validated against lnd's swagger schema.
final class SimulatorHarness: @unchecked Sendable {
    static let vectorAMnemonic = "abstract noble exhaust silk pill game train lab lawsuit tunnel adult spin goddess elegant island ridge kidney sunset door train method install misery oyster"
        .split(separator: " ").map(String.init)
    static let vectorAPassphrase = "El Psy Kongroo"
    static let password = "correct horse battery"

    let scratch: TemporaryDirectory
    var root: URL { scratch.url }
    let simulator: Simulator
    let validator: SwaggerValidator
    var adminMacaroon: [UInt8] = []

    var node: SimulatedNode { simulator.node }
    var directory: LNDDirectory { simulator.directory }

    init(configuration: (URL) -> SimulatorConfiguration = { SimulatorConfiguration(lndDirectory: $0, adminPort: nil, startupStepDelay: .milliseconds(10)) }) async throws {
        scratch = try TemporaryDirectory(prefix: "lnd-sim-test")
        simulator = try Simulator(configuration: configuration(scratch.url.appendingPathComponent("lnd")))
        validator = try SwaggerValidator.load()
        try await simulator.start()
    }

    func shutdown() async {
        await simulator.shutdown()
        scratch.remove()
    }

    var curl: Curl { Curl(certificate: directory.tlsCertificate, scratch: root) }

    func url(_ path: String) async -> String { "https://127.0.0.1:\(await simulator.restPort ?? 0)\(path)" }

    /// A unary call. `pattern` is lnd's path rule, `path` the concrete path (defaults to the pattern).
    @discardableResult
    func call(
        _ method: String, _ pattern: String, path: String? = nil, body: String? = nil, macaroon: [UInt8]? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (status: Int, json: JSONValue) {
        let reply = try await curl.requestOffPool(method, await url(path ?? pattern), body: body, macaroon: macaroon)
        let json = try JSONParser.parse(reply.body.trimmingCharacters(in: .newlines))
        do {
            if json["error"] != nil {
                // A server stream that failed before its first message: one `{"error":…}` line.
                try validator.validate(method: method, pattern: pattern, status: 200, body: json, streamLine: true)
            } else {
                try validator.validate(method: method, pattern: pattern, status: reply.status, body: json)
            }
        } catch {
            Issue.record("schema: \(error)", sourceLocation: sourceLocation)
        }
        return (reply.status, json)
    }

    /// A call expected to succeed.
    func ok(_ method: String, _ pattern: String, path: String? = nil, body: String? = nil, macaroon: [UInt8]? = nil,
            sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        let (status, json) = try await call(method, pattern, path: path, body: body, macaroon: macaroon ?? adminMacaroon,
                                            sourceLocation: sourceLocation)
        #expect(status == 200, "\(method) \(pattern): \(json.serialized())", sourceLocation: sourceLocation)
        return json
    }

    /// The error message of a call expected to fail with `status`.
    func failure(_ method: String, _ pattern: String, path: String? = nil, body: String? = nil, macaroon: [UInt8]? = nil,
                 status expected: Int = 500, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let (status, json) = try await call(method, pattern, path: path, body: body, macaroon: macaroon, sourceLocation: sourceLocation)
        #expect(status == expected, "\(method) \(pattern): \(json.serialized())", sourceLocation: sourceLocation)
        return json["message"]?.stringValue ?? json["error"]?["message"]?.stringValue ?? ""
    }

    func stream(_ pattern: String, path: String? = nil, method: String = "GET", macaroon: [UInt8]?) async throws -> ValidatedStream {
        ValidatedStream(
            stream: try CurlStream(curl: curl, method: method, url: await url(path ?? pattern), macaroon: macaroon),
            validator: validator, method: method, pattern: pattern)
    }

    /// Waits (bounded: 10 s) until the node reaches `state`, checking on each SubscribeState event.
    func waitFor(_ state: WalletState, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let node = self.node
        let changes = await node.subscribeState()  // the current state first, then every change
        let reached = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                do {
                    for try await _ in changes where await node.walletState == state { return true }
                } catch {}
                return await node.walletState == state
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(10))  // the bound, not a poll
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        if !reached { Issue.record("the node never reached \(state.name)", sourceLocation: sourceLocation) }
    }

    /// Waits (bounded) until `count` SubscribeChannelBackups streams are live in the node: an
    /// event that happens before the request reaches the server is not delivered (lnd sends no
    /// snapshot at subscribe time), which made the streaming tests wait forever for a line.
    /// A poll: the node announces no new subscriber.
    func waitForBackupSubscribers(_ count: Int = 1, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        for _ in 0..<1_000 {
            if await node.backupSubscriberCount >= count { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("no SubscribeChannelBackups stream reached the node", sourceLocation: sourceLocation)
    }

    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    /// InitWallet with vector A's seed (or given words) and waits for SERVER_ACTIVE.
    func initWallet(mnemonic: [String] = vectorAMnemonic, passphrase: String = vectorAPassphrase, extra: String = "") async throws {
        let words = mnemonic.map { "\"\($0)\"" }.joined(separator: ",")
        let body = "{\"wallet_password\":\"\(Self.base64(Self.password))\",\"cipher_seed_mnemonic\":[\(words)],\"aezeed_passphrase\":\"\(Self.base64(passphrase))\"\(extra)}"
        let reply = try await ok("POST", "/v1/initwallet", body: body, macaroon: [])
        adminMacaroon = Array(Data(base64Encoded: reply["admin_macaroon"]?.stringValue ?? "") ?? Data())
        try await waitFor(.serverActive)
    }

    func unlock(password: String = password) async throws {
        _ = try await ok("POST", "/v1/unlockwallet", body: "{\"wallet_password\":\"\(Self.base64(password))\"}", macaroon: [])
        try await waitFor(.serverActive)
    }

    func readFile(_ url: URL) -> [UInt8] { (FileManager.default.contents(atPath: url.path)).map { Array($0) } ?? [] }

    /// Decrypts channel.backup with the SCB key obtained from DeriveSharedKey(G, family 7).
    func scbKey() async throws -> SecureBytes {
        let generator = Data(PublicKeyConstants.generator).base64EncodedString()
        let reply = try await ok("POST", "/v2/signer/sharedkey",
                                 body: "{\"ephemeral_pubkey\":\"\(generator)\",\"key_desc\":{\"key_loc\":{\"key_family\":7,\"key_index\":0}}}")
        return try SecureBytes(copying: Array(Data(base64Encoded: reply["shared_key"]?.stringValue ?? "") ?? Data()))
    }
}

enum PublicKeyConstants {
    /// The secp256k1 generator G, compressed.
    static let generator: [UInt8] = Hex.decode("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798") ?? []
}

/// Stream lines, each validated against the `Stream result of …` schema of the path.
final class ValidatedStream: @unchecked Sendable {
    let stream: CurlStream
    let validator: SwaggerValidator
    let method: String
    let pattern: String

    init(stream: CurlStream, validator: SwaggerValidator, method: String, pattern: String) {
        self.stream = stream
        self.validator = validator
        self.method = method
        self.pattern = pattern
    }

    /// The next line parsed and validated, or nil at the end of the stream.
    func next(sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue? {
        guard let line = await stream.nextLine() else { return nil }
        let json = try JSONParser.parse(line)
        do {
            try validator.validate(method: method, pattern: pattern, status: 200, body: json, streamLine: true)
        } catch {
            Issue.record("schema: \(error)", sourceLocation: sourceLocation)
        }
        return json
    }

    func close() { stream.close() }
}

extension SimulatorHarness {
    /// Runs `body` with a fresh simulator and always shuts it down.
    static func with(
        configuration: @escaping (URL) -> SimulatorConfiguration = { SimulatorConfiguration(lndDirectory: $0, adminPort: nil, startupStepDelay: .milliseconds(10)) },
        _ body: (SimulatorHarness) async throws -> Void
    ) async throws {
        let harness = try await SimulatorHarness(configuration: configuration)
        do {
            try await body(harness)
        } catch {
            await harness.shutdown()
            throw error
        }
        await harness.shutdown()
    }
}
