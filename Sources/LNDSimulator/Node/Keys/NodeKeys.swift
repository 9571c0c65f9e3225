import Secp256k1
import SeedKit
import Sodium

/// The node's keys, derived from the 16-byte aezeed entropy exactly as lnd does
/// (lnd-facts.md §2.6): BIP32 master from the entropy, keys at m/1017'/coin'/family'/0/index.
struct NodeKeys: Sendable {
    let network: BitcoinNetwork
    private let ring: SimulatorKeyRing

    init(entropy: SecureBytes, network: BitcoinNetwork) throws {
        self.network = network
        self.ring = try SimulatorKeyRing(entropy: entropy, network: network)
    }

    func privateKey(_ locator: KeyLocator) throws -> PrivateKey {
        try ring.privateKey(for: locator)
    }

    var identityPublicKey: PublicKey {
        get throws { try privateKey(.nodeIdentity).publicKey }
    }

    /// lnd's SCB key: SHA256 of the compressed family-7 public key (lnd-facts.md §1.1).
    func backupEncryptionKey() throws -> SecureBytes {
        try SecureBytes(copying: SHA256.hash(privateKey(.backupEncryption).publicKey.compressed))
    }

    /// keychain `ECDH`: SHA256(compressed(k·P)).
    func sharedKey(locator: KeyLocator, point: PublicKey) throws -> SecureBytes {
        try privateKey(locator).sharedSecret(with: point)
    }
}
