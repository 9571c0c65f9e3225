import struct Foundation.Date

/// An in-memory `BlobStore` for tests and demos. Same rules as the durable stores (`PutRules`).
public actor MemoryBlobStore: BlobStore {
    private var blobs: [BlobName: [Blob]] = [:]
    /// Highest version ever written per name: numbers are never reused, even after a delete.
    private var highest: [BlobName: UInt64] = [:]
    private var usedBytes: Int64 = 0
    private let limits: BlobStoreLimits
    private let now: @Sendable () -> Date

    public init(limits: BlobStoreLimits = .default, now: @escaping @Sendable () -> Date = { Date() }) {
        self.limits = limits
        self.now = now
    }

    public func put(_ name: BlobName, version: UInt64, data: [UInt8], contentHash: ContentHash) throws -> BlobInfo {
        let kept = blobs[name] ?? []
        let outcome = try PutRules.decide(
            version: version, size: data.count, contentHash: contentHash,
            latestVersion: highest[name] ?? 0,
            existing: kept.first { $0.info.version == version }?.info,
            usedBytes: usedBytes, limits: limits
        )
        if case .alreadyStored(let info) = outcome { return info }
        let info = BlobInfo(
            name: name, version: version, size: data.count, contentHash: contentHash,
            storedAt: Date(unixMilliseconds: now().unixMilliseconds)
        )
        blobs[name, default: []].append(Blob(info: info, data: data))
        highest[name] = version
        usedBytes += Int64(data.count)
        return info
    }

    public func get(_ name: BlobName, version: UInt64?) throws -> Blob {
        let kept = blobs[name] ?? []
        let found = version.map { v in kept.first { $0.info.version == v } } ?? kept.last
        guard let found else { throw Self.notFound(name, version) }
        return found
    }

    public func list() -> [BlobSummary] {
        blobs.compactMap { _, kept in kept.last.map { BlobSummary(latest: $0.info, versionCount: kept.count) } }
            .sorted { $0.name < $1.name }
    }

    public func versions(of name: BlobName, after: UInt64?, limit: Int) throws -> [BlobInfo] {
        guard let kept = blobs[name], !kept.isEmpty else { throw Self.notFound(name, nil) }
        return Array(kept.lazy.map(\.info).filter { $0.version > (after ?? 0) }.prefix(max(0, limit)))
    }

    /// Removes one version (owner operation in the vault; used by retention tests).
    public func delete(_ name: BlobName, version: UInt64) throws {
        guard let index = blobs[name]?.firstIndex(where: { $0.info.version == version }) else {
            throw Self.notFound(name, version)
        }
        let removed = blobs[name]?.remove(at: index)
        usedBytes -= Int64(removed?.data.count ?? 0)
        if blobs[name]?.isEmpty == true { blobs[name] = nil }
    }

    static func notFound(_ name: BlobName, _ version: UInt64?) -> BlobStoreError {
        BlobStoreError(.notFound, version.map { "version \($0) of \(name) does not exist" } ?? "no blob named \(name)")
    }
}
