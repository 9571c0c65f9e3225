import BlobStorage
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Sodium
import VaultAPI
import Codecs

/// How a test reaches the vault: over a loopback socket (URLSession), or straight into the router
/// with HummingbirdTesting's `app.test(.router)` when no socket-level behaviour is under test.
enum VaultTransport: Sendable {
    case url(String)
    case router(any TestClientProtocol)
}

/// A minimal HTTP client for tests that signs like docs/vault-api.md says (Foundation's
/// URLSession or HummingbirdTesting's router client, independent of the server's and of
/// VaultClient's code).
struct SignedHTTPClient: Sendable {
    struct Response: Sendable, CustomStringConvertible {
        let status: Int
        let headers: [String: String]
        let body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }

        var error: ErrorResponse.Body? { try? JSONDecoder().decode(ErrorResponse.self, from: Data(body)).error }
        var errorCode: String? { error?.code }

        func json<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(type, from: Data(body)) }

        var description: String { "\(status) \(String(decoding: body.prefix(300), as: UTF8.self))" }
    }

    enum FreshnessMode: Sendable {
        case now
        case timestamp(Int64)
        case challenge
        case explicit(Freshness)
    }

    let transport: VaultTransport
    let key: Ed25519.KeyPair?

    init(transport: VaultTransport, key: Ed25519.KeyPair?) {
        self.transport = transport
        self.key = key
    }

    init(baseURL: String, key: Ed25519.KeyPair?) {
        self.init(transport: .url(baseURL), key: key)
    }

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 30
        configuration.httpMaximumConnectionsPerHost = 32
        return URLSession(configuration: configuration)
    }()

    /// Sends a request; signs it with `key` unless `sign` is false.
    func send(
        _ method: String, _ target: String, body: [UInt8] = [], contentType: String? = nil,
        freshness: FreshnessMode = .now, nonce: String? = nil, headers extra: [String: String] = [:], sign: Bool = true,
        tamper: ((inout [String: String]) -> Void)? = nil
    ) async throws -> Response {
        var headers = extra
        if let contentType { headers["Content-Type"] = contentType }
        if sign, let key {
            let proof: Freshness = switch freshness {
            case .now: .timestamp(Int64(Date().timeIntervalSince1970))
            case .timestamp(let seconds): .timestamp(seconds)
            case .challenge: .challenge(try await challenge())
            case .explicit(let value): value
            }
            let (path, query) = SignedRequest.splitTarget(target)
            let request = SignedRequest(
                method: method, path: path, query: query, bodySHA256: SHA256.hash(body), key: key.publicKey,
                freshness: proof, nonce: nonce ?? Hex.encode(Random.bytes(16)))
            for header in request.headers(signature: key.sign(request.canonicalMessage)) { headers[header.name] = header.value }
        }
        tamper?(&headers)
        return try await raw(method, target, body: body, headers: headers)
    }

    /// Sends exactly what it is given.
    func raw(_ method: String, _ target: String, body: [UInt8] = [], headers: [String: String] = [:]) async throws -> Response {
        let hasBody = !body.isEmpty || method == "PUT" || method == "POST"
        switch transport {
        case .url(let baseURL): return try await Self.overSocket(baseURL, method, target, body: hasBody ? body : nil, headers: headers)
        case .router(let client): return try await Self.throughRouter(client, method, target, body: hasBody ? body : nil, headers: headers)
        }
    }

    private static func overSocket(_ baseURL: String, _ method: String, _ target: String, body: [UInt8]?, headers: [String: String]) async throws -> Response {
        guard let url = URL(string: baseURL + target) else { throw BlobStoreError(.badRequest, "bad test URL \(target)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body { request.httpBody = Data(body) }
        let (data, response) = try await Self.session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw BlobStoreError(.unavailable, "not an HTTP response") }
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields { fields["\(name)"] = "\(value)" }
        return Response(status: http.statusCode, headers: fields, body: [UInt8](data))
    }

    private static func throughRouter(
        _ client: any TestClientProtocol, _ method: String, _ target: String, body: [UInt8]?, headers: [String: String]
    ) async throws -> Response {
        guard let requestMethod = HTTPRequest.Method(method) else { throw BlobStoreError(.badRequest, "bad test method \(method)") }
        var fields = HTTPFields()
        for (name, value) in headers {
            guard let fieldName = HTTPField.Name(name) else { throw BlobStoreError(.badRequest, "bad test header \(name)") }
            fields[fieldName] = value
        }
        let response = try await client.executeRequest(uri: target, method: requestMethod, headers: fields, body: body.map { ByteBuffer(bytes: $0) })
        var received: [String: String] = [:]
        for field in response.headers {
            received[field.name.canonicalName] = received[field.name.canonicalName].map { $0 + ", " + field.value } ?? field.value
        }
        return Response(status: response.status.code, headers: received, body: Array(buffer: response.body))
    }

    func challenge() async throws -> String {
        let response = try await raw("POST", VaultPath.challenges)
        return try response.json(ChallengeResponse.self).challenge
    }
}

extension SignedHTTPClient {
    /// Creates the identity's account on the vault at `baseURL` (the owner signs; the first
    /// device is registered) and returns the identity.
    @discardableResult
    static func enroll(_ identity: Identity, baseURL: String) async throws -> Identity {
        try await enroll(identity, transport: .url(baseURL))
    }

    /// Creates the identity's account through `transport` and returns the identity.
    @discardableResult
    static func enroll(_ identity: Identity, transport: VaultTransport) async throws -> Identity {
        let body = try JSONEncoder().encode(CreateAccountRequest(
            livenessKey: Hex.encode(identity.liveness.publicKey),
            device: DeviceRegistration(key: Hex.encode(identity.device.publicKey), label: "test device")))
        let response = try await SignedHTTPClient(transport: transport, key: identity.owner)
            .send("PUT", VaultPath.account(identity.account), body: [UInt8](body), contentType: "application/json")
        guard response.status == 201 else { throw BlobStoreError(.unavailable, "enrollment failed: \(response)") }
        return identity
    }
}
