import BlobStorage
import Sodium

extension BlobStoreConformance {
    /// Deterministic test bytes.
    public static func bytes(_ count: Int, seed: UInt8) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed) &* 101 &+ ($0 >> 8)) }
    }

    /// The snapshot hash a client would send: SHA-256 of the bytes.
    public static func hash(_ data: [UInt8]) throws -> ContentHash {
        try ContentHash(SHA256.hash(data))
    }

    static func expect(_ condition: Bool, _ what: @autoclosure () -> String) throws {
        if !condition { throw ConformanceFailure(what()) }
    }

    static func expectError<T>(
        _ code: BlobStoreError.Code, currentVersion: UInt64? = nil, _ what: String, _ body: () async throws -> T
    ) async throws {
        do {
            let value = try await body()
            throw ConformanceFailure("\(what): expected \(code.rawValue), but it succeeded with \(value)")
        } catch let error as BlobStoreError {
            guard error.code == code else {
                throw ConformanceFailure("\(what): expected \(code.rawValue), got \(error.code.rawValue) (\(error.message))")
            }
            if let currentVersion, error.currentVersion != currentVersion {
                throw ConformanceFailure("\(what): expected currentVersion \(currentVersion), got \(error.currentVersion.map(String.init) ?? "none")")
            }
        }
    }
}
