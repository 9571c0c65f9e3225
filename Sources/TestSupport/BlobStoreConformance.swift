import BlobStorage
import Sodium

/// The `BlobStore` contract as executable checks, run against every implementation
/// (memory, SQLite, PostgreSQL, and the HTTP client against a live vault), as restic runs one
/// backend suite against all its backends.
///
/// Use from a test target:
///
///     @Test(arguments: BlobStoreConformance.checkNames)
///     func memory(_ check: String) async throws {
///         try await BlobStoreConformance(makeStore: { MemoryBlobStore(limits: $0) }).run(check)
///     }
///
/// Every check gets a fresh, empty store from `makeStore` with the limits it needs.
public struct BlobStoreConformance: Sendable {
    public typealias Factory = @Sendable (BlobStoreLimits) async throws -> any BlobStore

    let makeStore: Factory

    public init(makeStore: @escaping Factory) {
        self.makeStore = makeStore
    }

    public static var checkNames: [String] { checks.map(\.name) }

    /// Runs one named check; throws `ConformanceFailure` describing the first broken rule.
    public func run(_ name: String) async throws {
        guard let check = Self.checks.first(where: { $0.name == name }) else {
            throw ConformanceFailure("no conformance check named \(name)")
        }
        try await check.body(self)
    }

    /// Runs every check in order.
    public func runAll() async throws {
        for check in Self.checks { try await check.body(self) }
    }

    struct Check: Sendable {
        let name: String
        let body: @Sendable (BlobStoreConformance) async throws -> Void
    }

    static let checks: [Check] = [
        Check(name: "putThenGet", body: { try await $0.putThenGet() }),
        Check(name: "versionsStartAtOne", body: { try await $0.versionsStartAtOne() }),
        Check(name: "retryIsIdempotent", body: { try await $0.retryIsIdempotent() }),
        Check(name: "differentHashIsPossibleClone", body: { try await $0.differentHashIsPossibleClone() }),
        Check(name: "staleOrSkippingWriterConflicts", body: { try await $0.staleOrSkippingWriterConflicts() }),
        Check(name: "missingIsNotFound", body: { try await $0.missingIsNotFound() }),
        Check(name: "listAndPageVersions", body: { try await $0.listAndPageVersions() }),
        Check(name: "maxBlobSize", body: { try await $0.maxBlobSize() }),
        Check(name: "quotaRefusesWithoutDeleting", body: { try await $0.quotaRefusesWithoutDeleting() }),
        Check(name: "bytesAreExact", body: { try await $0.bytesAreExact() }),
        Check(name: "concurrentSameVersionHasOneWinner", body: { try await $0.concurrentSameVersionHasOneWinner() }),
        Check(name: "concurrentNamesAllCommit", body: { try await $0.concurrentNamesAllCommit() }),
    ]
}

/// A broken `BlobStore` rule, with what was expected.
public struct ConformanceFailure: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
