import BackupCore
import Secp256k1
import SeedKit
import Sodium
import Codecs
import LightningTypes
import BlobStorage

/// The keys one coin type's key ring gives (docs/design.md §3.2): the backup keys (envelope,
/// blob ID of `scb/multi`) and the node identity that the backup belongs to.
public struct RecoveryKeys: Sendable {
    public let network: BitcoinNetwork
    public let keyRing: LNDKeyRing
    public let backup: BackupKeys
    /// The node identity public key (`m/1017'/coin'/6'/0/0`), hex: what lnd's GetInfo must show.
    public let nodePublicKey: String

    public init(seed: SeedMaterial, network: BitcoinNetwork) throws {
        self.network = network
        keyRing = try seed.keyRing(for: network)
        backup = try BackupKeys(root: BackupRoot(keyRing: keyRing))
        nodePublicKey = Hex.encode(try keyRing.publicKey(for: .nodeIdentity).compressed)
    }

    /// The vault blob ID of lnd's Multi for this coin type.
    public var blob: BlobName { backup.multiChannelBackupBlob }

    /// The keys to try: the named network only, or mainnet and then the test networks (one
    /// key ring per coin type; the exact test network is read from the channels later).
    public static func candidates(seed: SeedMaterial, network: BitcoinNetwork?) throws -> [RecoveryKeys] {
        if let network { return [try RecoveryKeys(seed: seed, network: network)] }
        return try networks(seed: seed, first: nil).map { try RecoveryKeys(seed: seed, network: $0) }
    }

    /// One network per coin type: `first` (else the one a root key implies, else mainnet), then
    /// the other coin type's (testnet for the test networks, which share one key ring).
    public static func networks(seed: SeedMaterial, first: BitcoinNetwork?) -> [BitcoinNetwork] {
        let first = first ?? seed.impliedNetwork ?? .mainnet
        let second: BitcoinNetwork = first.coinType == 0 ? .testnet : .mainnet
        return [first, second]
    }
}
