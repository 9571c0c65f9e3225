import BlobStorage
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Sodium
import VaultAPI
import Codecs

/// A minimal HTTP client for tests that signs like docs/vault-api.md says (Foundation's
/// URLSession, independent of the server's and of VaultClient's code).
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

    let baseURL: String
    let key: Ed25519.KeyPair?

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
        guard let url = URL(string: baseURL + target) else { throw BlobStoreError(.badRequest, "bad test URL \(target)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if !body.isEmpty || method == "PUT" || method == "POST" { request.httpBody = Data(body) }
        let (data, response) = try await Self.session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw BlobStoreError(.unavailable, "not an HTTP response") }
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields { fields["\(name)"] = "\(value)" }
        return Response(status: http.statusCode, headers: fields, body: [UInt8](data))
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
        let body = try JSONEncoder().encode(CreateAccountRequest(
            livenessKey: Hex.encode(identity.liveness.publicKey),
            device: DeviceRegistration(key: Hex.encode(identity.device.publicKey), label: "test device")))
        let response = try await SignedHTTPClient(baseURL: baseURL, key: identity.owner)
            .send("PUT", VaultPath.account(identity.account), body: [UInt8](body), contentType: "application/json")
        guard response.status == 201 else { throw BlobStoreError(.unavailable, "enrollment failed: \(response)") }
        return identity
    }
}
