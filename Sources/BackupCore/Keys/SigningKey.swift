public import Sodium

/// An Ed25519 key of our hierarchy that signs vault requests or heartbeats.
/// Owner, device and liveness keys are distinct types so one cannot be passed for another.
public protocol SigningKey: Sendable {
    var keyPair: Ed25519.KeyPair { get }
}

extension SigningKey {
    /// The 32-byte Ed25519 public key.
    public var publicKey: [UInt8] { keyPair.publicKey }

    /// A 64-byte Ed25519 signature over `message`.
    public func sign(_ message: [UInt8]) -> [UInt8] { keyPair.sign(message) }
}
