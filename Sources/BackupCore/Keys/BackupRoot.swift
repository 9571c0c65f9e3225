public import Secp256k1
public import Sodium

/// The backup root: `SHA256(compressed(k6·P))`, k6 the node identity key and P the
/// `casa-backup/root/v1` domain point (docs/design.md §4.2). Every backup key comes from it.
///
/// The agent gets it from a running, unlocked lnd (`DeriveSharedKey`) and keeps it in memory
/// only; the recovery tool recomputes it from the 24 words.
public struct BackupRoot: Sendable {
    let secret: SecureBytes

    /// The agent's path: the 32 bytes lnd's `DeriveSharedKey` returned for
    /// `DomainPoint.backupRootCompressed` with the node identity key (no key locator).
    public init(sharedKey: SecureBytes) throws {
        guard sharedKey.count == 32 else { throw BackupKeyError.invalidSharedKeyLength(sharedKey.count) }
        secret = sharedKey
    }

    /// The recovery path: from the node identity private key (`m/1017'/coin'/6'/0/0`).
    public init(nodeIdentityKey: PrivateKey) throws {
        secret = try nodeIdentityKey.sharedSecret(with: DomainPoint.backupRoot())
    }

    /// Constant-time equality (for the check that both paths agree).
    public func matches(_ other: BackupRoot) -> Bool {
        secret.constantTimeEquals(other.secret)
    }

    /// The envelope keys (docs/envelope.md §2).
    public func envelopeKey() throws -> EnvelopeKey {
        try EnvelopeKey(
            aead: subkey(KeyDerivationLabels.envelopeContext, KeyDerivationLabels.envelopeAEADSubkeyID),
            mac: subkey(KeyDerivationLabels.envelopeContext, KeyDerivationLabels.envelopeMACSubkeyID)
        )
    }

    /// The key that turns logical names into vault blob IDs (docs/design.md §4.4).
    public func blobNameKey() throws -> BlobNameKey {
        BlobNameKey(secret: try subkey(KeyDerivationLabels.blobNameContext, KeyDerivationLabels.firstGeneration))
    }

    /// The heartbeat signing key (docs/design.md §4.5).
    public func livenessKey() throws -> LivenessKey {
        let seed = try subkey(KeyDerivationLabels.livenessContext, KeyDerivationLabels.firstGeneration)
        return LivenessKey(keyPair: try Ed25519.KeyPair(seed: seed))
    }

    /// The key that tags channel sets in the local and USB file headers (docs/design.md §4.10).
    public func localTagKey() throws -> LocalTagKey {
        LocalTagKey(secret: try subkey(KeyDerivationLabels.localTagContext, KeyDerivationLabels.firstGeneration))
    }

    private func subkey(_ context: String, _ id: UInt64) throws -> SecureBytes {
        try KDF.deriveSubkey(from: secret, context: context, id: id, byteCount: 32)
    }
}
