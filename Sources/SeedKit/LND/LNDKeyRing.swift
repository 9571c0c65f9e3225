import Secp256k1
import Sodium
import LightningTypes

/// lnd's key ring: every lnd key is `m/1017'/coin_type'/family'/0/index` under the BIP32
/// root (keychain/derivation.go), with coin type 0 on mainnet and 1 elsewhere.
public struct LNDKeyRing: Sendable {
    /// BIP43 purpose lnd uses for its own keys.
    public static let purpose: UInt32 = 1017

    public let root: ExtendedPrivateKey
    public let network: BitcoinNetwork

    public init(root: ExtendedPrivateKey, network: BitcoinNetwork) {
        self.root = root
        self.network = network
    }

    /// The key ring of an aezeed: BIP32 master from its 16-byte entropy.
    public init(cipherSeed: CipherSeed, network: BitcoinNetwork) throws {
        self.init(root: try ExtendedPrivateKey(masterFromSeed: cipherSeed.entropy, network: network), network: network)
    }

    /// m/1017'/coin'/family'/0/index.
    public func path(for locator: KeyLocator) -> [UInt32] {
        [Hardened.index(LNDKeyRing.purpose), Hardened.index(network.coinType), Hardened.index(locator.family), 0, locator.index]
    }

    public func extendedKey(for locator: KeyLocator) throws -> ExtendedPrivateKey {
        try root.derive(path(for: locator))
    }

    public func privateKey(for locator: KeyLocator) throws -> PrivateKey {
        try extendedKey(for: locator).privateKey
    }

    public func publicKey(for locator: KeyLocator) throws -> PublicKey {
        try privateKey(for: locator).publicKey
    }

    /// lnd's static-channel-backup encryption key: SHA256 of the compressed public key at
    /// family 7 (BaseEncryption), index 0 (docs/lnd.md §1.1, §3.4).
    public func staticChannelBackupKey() throws -> SecureBytes {
        try SecureBytes(copying: SHA256.hash(publicKey(for: .backupEncryption).compressed))
    }
}
