public import Sodium

/// A device's vault signing key (docs/design.md §4.7): random per device, generated at
/// enrollment, stored by the agent as a 0600 file (its 32-byte seed). It works at boot while
/// lnd is locked, and revoking it affects that device only.
public struct DeviceKey: SigningKey {
    public let keyPair: Ed25519.KeyPair

    /// A fresh random key, at enrollment.
    public static func generate() throws -> DeviceKey {
        DeviceKey(keyPair: try Ed25519.KeyPair.generate())
    }

    /// Loads a stored key from its 32-byte seed.
    public init(seed: SecureBytes) throws {
        guard seed.count == Ed25519.seedByteCount else { throw BackupKeyError.invalidSeedLength(seed.count) }
        keyPair = try Ed25519.KeyPair(seed: seed)
    }

    private init(keyPair: Ed25519.KeyPair) {
        self.keyPair = keyPair
    }

    /// The 32-byte seed to write to the device's key file (0600).
    public func seed() throws -> SecureBytes {
        try keyPair.seed()
    }
}
