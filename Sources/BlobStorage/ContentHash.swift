import Codecs

/// The 32-byte hash of a snapshot that the client attaches to every put.
///
/// The store treats it as opaque: it is the idempotency key of a put. A retried put with the same
/// hash is acknowledged again; a different hash for an existing version is a conflict
/// (`BlobStoreError.Code.possibleClone`): two writers produced different snapshots for one version.
public struct ContentHash: Hashable, Sendable, CustomStringConvertible {
    public static let byteCount = 32

    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) throws {
        guard bytes.count == Self.byteCount else {
            throw BlobStoreError(.invalidContentHash, "content hash must be \(Self.byteCount) bytes, got \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// Parses 64 hex digits (either case).
    public init(hex: String) throws {
        guard let bytes = Hex.decode(hex), bytes.count == Self.byteCount else {
            throw BlobStoreError(.invalidContentHash, "content hash must be \(Self.byteCount * 2) hex digits")
        }
        self.bytes = bytes
    }

    public var hex: String { Hex.encode(bytes) }

    public var description: String { hex }
}
