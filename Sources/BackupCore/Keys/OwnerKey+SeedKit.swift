public import SeedKit

extension OwnerKey {
    /// The owner key of a deciphered aezeed (its entropy, before BIP32).
    public init(cipherSeed: CipherSeed) throws {
        try self.init(entropy: cipherSeed.entropy)
    }
}
