/// Size limits a store enforces on puts.
public struct BlobStoreLimits: Hashable, Sendable {
    /// Default maximum size of one blob: 4 MiB (an SCB for thousands of channels is far smaller).
    public static let defaultMaxBlobSize = 4 * 1024 * 1024
    /// Default per-account quota: 1 GiB.
    public static let defaultQuotaBytes: Int64 = 1 << 30

    public var maxBlobSize: Int
    /// Total bytes of all kept versions in one account.
    public var quotaBytes: Int64

    public init(maxBlobSize: Int = defaultMaxBlobSize, quotaBytes: Int64 = defaultQuotaBytes) {
        self.maxBlobSize = maxBlobSize
        self.quotaBytes = quotaBytes
    }

    public static let `default` = BlobStoreLimits()
}
