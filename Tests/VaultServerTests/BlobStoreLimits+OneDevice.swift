import BlobStorage

extension BlobStoreLimits {
    /// The same limits with the device quota equal to the account's: the conformance suite writes
    /// through one device and checks the account quota of the `BlobStore` contract.
    var withOneDevice: BlobStoreLimits {
        var limits = self
        limits.deviceQuotaBytes = quotaBytes
        return limits
    }
}
