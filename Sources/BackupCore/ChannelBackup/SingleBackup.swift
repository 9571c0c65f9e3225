import SeedKit
import LightningTypes

/// One channel's static backup, as lnd serializes it before encryption
/// (chanbackup/single.go; byte layout in docs/scb-format.md).
public struct SingleBackup: Hashable, Sendable {
    public var version: SingleBackupVersion
    /// True if we opened the channel. lnd writes 0 or 1; we reject other bytes.
    public var isInitiator: Bool
    /// Genesis hash of the channel's chain, internal byte order (32 bytes).
    public var chainHash: [UInt8]
    public var fundingOutpoint: ChannelPoint
    public var shortChannelID: ShortChannelID
    public var remoteNodePublicKey: CompressedPublicKey
    public var addresses: [NodeAddress]
    /// Channel capacity in satoshis.
    public var capacity: UInt64
    public var localKeys: LocalChannelKeys
    public var remoteKeys: RemoteChannelKeys
    public var shachainRoot: ShachainRoot
    /// CLTV lease expiry height; present exactly for version 4.
    public var leaseExpiry: UInt32?
    /// Force-close material (lnd v0.19+); its presence sets the 0x80 flag of the version byte.
    public var closeTxInputs: CloseTxInputs?

    public init(
        version: SingleBackupVersion, isInitiator: Bool, chainHash: [UInt8], fundingOutpoint: ChannelPoint,
        shortChannelID: ShortChannelID, remoteNodePublicKey: CompressedPublicKey, addresses: [NodeAddress],
        capacity: UInt64, localKeys: LocalChannelKeys, remoteKeys: RemoteChannelKeys, shachainRoot: ShachainRoot,
        leaseExpiry: UInt32? = nil, closeTxInputs: CloseTxInputs? = nil
    ) {
        self.version = version
        self.isInitiator = isInitiator
        self.chainHash = chainHash
        self.fundingOutpoint = fundingOutpoint
        self.shortChannelID = shortChannelID
        self.remoteNodePublicKey = remoteNodePublicKey
        self.addresses = addresses
        self.capacity = capacity
        self.localKeys = localKeys
        self.remoteKeys = remoteKeys
        self.shachainRoot = shachainRoot
        self.leaseExpiry = leaseExpiry
        self.closeTxInputs = closeTxInputs
    }

    /// The network whose genesis hash this is, or nil for an unknown chain.
    public var network: BitcoinNetwork? { BitcoinNetwork.fromGenesisHash(internalOrder: chainHash) }

    public var hasCloseTx: Bool { closeTxInputs != nil }

    /// All public keys stored in the backup that do not parse as curve points (empty when all are fine).
    public var invalidPublicKeys: [String] {
        var bad: [String] = []
        if !remoteNodePublicKey.isValidPoint { bad.append("remote node") }
        for (name, key) in zip(RemoteChannelKeys.wireNames, remoteKeys.inWireOrder) where !key.isValidPoint {
            bad.append("remote \(name)")
        }
        if let legacy = shachainRoot.legacyPublicKey, !legacy.isValidPoint { bad.append("shachain root") }
        return bad
    }
}
