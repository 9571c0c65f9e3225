import BlobStorage
import Foundation
import VaultAPI

/// `BlobStore` over the vault HTTP API, for running the conformance suite through the real
/// server over loopback (the product's client is VaultClient over libcurl).
struct HTTPBlobStore: BlobStore {
    let client: SignedHTTPClient
    let account: AccountID

    func put(_ name: BlobName, version: UInt64, data: [UInt8], contentHash: ContentHash) async throws -> BlobInfo {
        let response = try await client.send(
            "PUT", VaultPath.version(account, name, version), body: data, contentType: "application/octet-stream",
            headers: [VaultHeader.contentHash: contentHash.hex])
        guard response.status == 201 || response.status == 200 else { throw Self.error(response) }
        return try response.json(BlobInfoDTO.self).model()
    }

    func get(_ name: BlobName, version: UInt64?) async throws -> Blob {
        let target = version.map { VaultPath.version(account, name, $0) } ?? VaultPath.blob(account, name)
        let response = try await client.send("GET", target)
        guard response.status == 200 else { throw Self.error(response) }
        guard let v = response.header(VaultHeader.version).flatMap(UInt64.init),
              let hash = response.header(VaultHeader.contentHash),
              let storedAt = response.header(VaultHeader.storedAt).flatMap(Int64.init) else {
            throw BlobStoreError(.unavailable, "blob response without version headers")
        }
        let info = BlobInfo(name: name, version: v, size: response.body.count, contentHash: try ContentHash(hex: hash),
                            storedAt: Date(unixMilliseconds: storedAt))
        return Blob(info: info, data: response.body)
    }

    func list() async throws -> [BlobSummary] {
        let response = try await client.send("GET", VaultPath.blobs(account))
        guard response.status == 200 else { throw Self.error(response) }
        return try response.json(BlobListResponse.self).blobs.map { try $0.model() }
    }

    func versions(of name: BlobName, after: UInt64?, limit: Int) async throws -> [BlobInfo] {
        let query = VaultPath.versionsQuery(after: after, limit: limit)
        let response = try await client.send("GET", VaultPath.versions(account, name) + "?" + query)
        guard response.status == 200 else { throw Self.error(response) }
        return try response.json(VersionListResponse.self).versions.map { try $0.model() }
    }

    static func error(_ response: SignedHTTPClient.Response) -> BlobStoreError {
        guard let body = response.error else {
            return BlobStoreError(.unavailable, "HTTP \(response.status) without a JSON error body")
        }
        let code = VaultErrorCode(rawValue: body.code)?.blobStoreCode ?? .unavailable
        return BlobStoreError(code, body.message, currentVersion: body.currentVersion, retryAfterSeconds: body.retryAfter)
    }
}
