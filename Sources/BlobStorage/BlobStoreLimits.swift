/// Size limits a store enforces on puts.
public struct BlobStoreLimits: Hashable, Sendable {
    /// Default maximum size of one blob: 4 MiB (an SCB for thousands of channels is far smaller).
    public static let defaultMaxBlobSize = 4 * 1024 * 1024
    /// Default per-account quota: 1 GiB.
    public static let defaultQuotaBytes: Int64 = 1 << 30

    public var maxBlobSize: Int
    /// Total bytes of all kept versions in one account.
    public var quotaBytes: Int64

    /// Total bytes of the kept versions one device key uploaded (nil: half of `quotaBytes`), so a
    /// device uploading junk cannot fill the account for the other devices (review M1b).
    public var deviceQuotaBytes: Int64?

    public init(maxBlobSize: Int = defaultMaxBlobSize, quotaBytes: Int64 = defaultQuotaBytes, deviceQuotaBytes: Int64? = nil) {
        self.maxBlobSize = maxBlobSize
        self.quotaBytes = quotaBytes
        self.deviceQuotaBytes = deviceQuotaBytes
    }

    /// The quota per device in force: the configured one, else half the account's (at least one blob).
    public var deviceQuota: Int64 { deviceQuotaBytes ?? max(quotaBytes / 2, Int64(maxBlobSize)) }

    public static let `default` = BlobStoreLimits()
}
