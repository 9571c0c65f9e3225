import BlobStorage
import HTTPTypes
import Hummingbird
import VaultAPI

/// Versioned, append-only blobs (docs/vault-api.md "Blobs").
struct BlobController: Sendable {
    let gate: RequestGate
    let limits: BlobStoreLimits
    let metrics: VaultMetrics

    func addRoutes(to router: Router<VaultRequestContext>) {
        let blobs = "/v1/accounts/:account/blobs"
        router.get(RouterPath(blobs), use: list)
        router.get(RouterPath(blobs + "/:name"), use: latest)
        router.delete(RouterPath(blobs + "/:name"), use: deleteAll)
        router.get(RouterPath(blobs + "/:name/versions"), use: versions)
        router.put(RouterPath(blobs + "/:name/versions/:version"), use: put)
        router.get(RouterPath(blobs + "/:name/versions/:version"), use: get)
        router.delete(RouterPath(blobs + "/:name/versions/:version"), use: deleteVersion)
    }

    @Sendable func list(_ request: Request, context: VaultRequestContext) async throws -> Response {
        let authorized = try await gate.authorize(request, context: context, roles: Role.readers)
        return try Response.json(BlobListResponse(try await gate.repository.listBlobs(authorized.account.id)))
    }

    @Sendable func latest(_ request: Request, context: VaultRequestContext) async throws -> Response {
        let authorized = try await gate.authorize(request, context: context, roles: Role.readers)
        return Response.blob(try await gate.repository.blob(authorized.account.id, try Self.name(context), version: nil))
    }

    @Sendable func get(_ request: Request, context: VaultRequestContext) async throws -> Response {
        let authorized = try await gate.authorize(request, context: context, roles: Role.readers)
        let blob = try await gate.repository.blob(authorized.account.id, try Self.name(context), version: try Self.version(context))
        return Response.blob(blob)
    }

    @Sendable func versions(_ request: Request, context: VaultRequestContext) async throws -> Response {
        let authorized = try await gate.authorize(request, context: context, roles: Role.readers, query: ["after", "limit"])
        let name = try Self.name(context)
        let after = try Self.queryNumber(request, "after", range: 0...PutRules.maxVersion)
        let limit = Int(try Self.queryNumber(request, "limit", range: 1...UInt64(VersionListResponse.maxLimit)) ?? UInt64(VersionListResponse.defaultLimit))
        let page = try await gate.repository.versions(authorized.account.id, name, after: after, limit: limit)
        let next = page.count == limit ? page.last?.version : nil
        return try Response.json(VersionListResponse(name: name, versions: page, nextAfter: next))
    }

    /// 201 for a new version, 200 for an idempotent retry; 409 for conflicts and clones.
    @Sendable func put(_ request: Request, context: VaultRequestContext) async throws -> Response {
        let name = try Self.name(context)
        let version = try Self.version(context)
        guard let hashText = request.headers[.casaContentHash] else {
            throw VaultError(.badRequest, .invalidContentHash, "send the snapshot hash in \(VaultHeader.contentHash) (64 hex digits)")
        }
        let contentHash = try ContentHash(hex: hashText)
        let account = try RequestGate.accountID(context)
        // Nothing is read or hashed for a key that may not put here (review M6); the backend
        // still authorizes the verified signer in the put's own transaction (revocation races).
        try RequestGate.checkQuery(request, allowed: [])
        _ = try await gate.claimedAccount(request, account, roles: Role.readers)
        let opened = try await gate.open(request, maxBody: limits.maxBlobSize, contentType: VaultLimits.blobContentType, oversize: .tooLarge)
        // The header is not signed, the body's hash is: they must agree (review L4), so the
        // stored hash and the idempotency check rest on what the signer sent.
        guard contentHash.bytes == opened.bodySHA256 else {
            throw VaultError(.badRequest, .invalidContentHash,
                             "\(VaultHeader.contentHash) is not the SHA-256 of the body: send the hash of exactly the bytes you upload")
        }
        let (info, created) = try await gate.repository.putBlob(
            account, name, version: version, data: opened.body, contentHash: contentHash, limits: limits, now: gate.clock.now(),
            authorization: gate.putAuthorization(opened, roles: Role.readers))
        if created { metrics.recordPut(bytes: info.size) }
        return Response.json(info, status: created ? .created : .ok)
    }

    @Sendable func deleteAll(_ request: Request, context: VaultRequestContext) async throws -> Response {
        let authorized = try await gate.authorize(request, context: context, roles: [.owner])
        let name = try Self.name(context)
        guard try await gate.repository.deleteBlob(authorized.account.id, name, version: nil) > 0 else {
            throw BlobStoreError(.notFound, "no blob named \(name)")
        }
        return Response.noContent()
    }

    @Sendable func deleteVersion(_ request: Request, context: VaultRequestContext) async throws -> Response {
        let authorized = try await gate.authorize(request, context: context, roles: [.owner])
        let name = try Self.name(context)
        let version = try Self.version(context)
        guard try await gate.repository.deleteBlob(authorized.account.id, name, version: version) > 0 else {
            throw BlobStoreError(.notFound, "version \(version) of \(name) does not exist")
        }
        return Response.noContent()
    }

    static func name(_ context: VaultRequestContext) throws -> BlobName {
        try BlobName(context.parameters.get("name") ?? "")
    }

    static func version(_ context: VaultRequestContext) throws -> UInt64 {
        guard let text = context.parameters.get("version"), text.utf8.count <= 19, text.allSatisfy(\.isASCII),
              let version = UInt64(text), (1...PutRules.maxVersion).contains(version) else {
            throw VaultError(.badRequest, .invalidVersion, "the version must be a whole number from 1 to 2^63-1")
        }
        return version
    }

    static func queryNumber(_ request: Request, _ key: String, range: ClosedRange<UInt64>) throws -> UInt64? {
        guard let text = request.uri.queryParameters.get(key) else { return nil }
        guard text.utf8.count <= 19, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = UInt64(text), range.contains(value) else {
            throw VaultError(.badRequest, .badRequest, "query parameter \(key) must be a whole number in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }
}
