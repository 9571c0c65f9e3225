import SeedKit
import LightningTypes

/// What the owner gave us to rebuild lnd's keys: the aezeed (24 words + passphrase), or a
/// BIP32 root key (xprv/tprv, as `chantools showrootkey` prints it).
public enum SeedMaterial: Sendable {
    case cipherSeed(CipherSeed)
    case rootKey(ExtendedPrivateKey)

    /// lnd's key ring for `network` (only its coin type matters: 0 mainnet, 1 elsewhere).
    public func keyRing(for network: BitcoinNetwork) throws -> LNDKeyRing {
        switch self {
        case .cipherSeed(let seed):
            return try LNDKeyRing(cipherSeed: seed, network: network)
        case .rootKey(let root):
            return LNDKeyRing(root: root, network: network)
        }
    }

    /// The network a root key was serialized for (xprv → mainnet, tprv → testnet family), if any.
    public var impliedNetwork: BitcoinNetwork? {
        switch self {
        case .cipherSeed: return nil
        case .rootKey(let root): return root.network
        }
    }
}
