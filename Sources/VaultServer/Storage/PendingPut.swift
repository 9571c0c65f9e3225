import BlobStorage
import struct Foundation.Date
import VaultAPI

/// One put waiting for its group commit (`GroupCommit`), with everything `PutRules` needs.
struct PendingPut: Sendable {
    let account: AccountID
    let name: BlobName
    let version: UInt64
    let data: [UInt8]
    let contentHash: ContentHash
    let limits: BlobStoreLimits
    /// Unix milliseconds.
    let storedAt: Int64
    /// Checked by the batch before the rules (nil: already authorized).
    let authorization: PutAuthorization?

    /// The key that signed the put, stored with the version: retention keeps a daily survivor per
    /// writer, and a device's uploads count against its quota (nil: unknown, e.g. the conformance suite).
    var writer: [UInt8]? { authorization?.signer }

    /// Blob bytes per group commit: large blobs commit in smaller batches (PostgreSQL refuses
    /// parameters over 1 GiB; a smaller transaction also answers sooner).
    static let maxBatchBytes = 32 << 20

    /// The put's answer: the committed info and whether this put created it.
    typealias Outcome = (info: BlobInfo, created: Bool)

    /// The info this put stores if it is accepted.
    var info: BlobInfo {
        BlobInfo(name: name, version: version, size: data.count, contentHash: contentHash, storedAt: Date(unixMilliseconds: storedAt))
    }
}
