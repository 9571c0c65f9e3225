public import Sodium

/// Signs heartbeats (docs/design.md §4.5). Derived from the backup root, so only a running,
/// unlocked node (or the owner with the words) has it; a copied disk does not.
public struct LivenessKey: SigningKey {
    public let keyPair: Ed25519.KeyPair
}
