/// Every context string and label of our key hierarchy, in one place (docs/design.md §4).
/// Changing any of these changes every key: never edit, only add new versions.
enum KeyDerivationLabels {
    /// crypto_kdf contexts (exactly 8 ASCII characters) under the backup root.
    static let envelopeContext = "envelope"
    static let blobNameContext = "blobname"
    static let livenessContext = "liveness"
    static let localTagContext = "localtag"

    /// crypto_kdf subkey ids within the envelope context.
    static let envelopeAEADSubkeyID: UInt64 = 1
    static let envelopeMACSubkeyID: UInt64 = 2
    /// Generation of the other subkeys.
    static let firstGeneration: UInt64 = 1

    /// Message of the keyed BLAKE2b that turns the seed entropy into the owner key's seed.
    static let ownerKey = Array("casa-backup/owner/v1".utf8)
    /// Prefix of the account ID commitment; the vault computes the same (docs/vault-api.md).
    static let accountID = Array("casa-vault/account/v1".utf8)
    /// Prefix of a blob ID's keyed hash (followed by a 0x00 separator and the logical name).
    static let blobName = Array("casa-backup/blob-name/v1".utf8)
    /// Prefix of a local tag's keyed hash (followed by a 0x00 separator and the channel-set digest).
    static let localTag = Array("casa-backup/local-tag/v1".utf8)
    /// Envelope header MAC messages (docs/envelope.md §2).
    static let envelopeKeyID = Array("casa-envelope/key-id".utf8)
    static let envelopeBinding = Array("casa-envelope/binding".utf8)
}
