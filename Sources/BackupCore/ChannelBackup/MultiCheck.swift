/// What checking a plaintext Multi found (`MultiBackup.check`), without building it.
public struct MultiCheck: Hashable, Sendable {
    /// Every channel, known version or not.
    public let channelCount: Int
    /// The version of each Single this code does not know, sorted (empty normally).
    public let unknownSingleVersions: [UInt8]
    /// SHA-256 over the set of channels, independent of the order lnd wrote them in, of the
    /// order of each channel's addresses, and of CloseTxInputs (`ChannelSetDigest`).
    public let channelSetDigest: [UInt8]

    public init(channelCount: Int, unknownSingleVersions: [UInt8], channelSetDigest: [UInt8]) {
        self.channelCount = channelCount
        self.unknownSingleVersions = unknownSingleVersions
        self.channelSetDigest = channelSetDigest
    }
}
