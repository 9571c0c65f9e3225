import Secp256k1
import Sodium

/// lnd's SCB encryption (lnencrypt/crypto.go), the same for a Multi and a Single:
/// `nonce(24) || XChaCha20-Poly1305(key, nonce, ad: nonce, plaintext) || tag(16)`,
/// with `key = SHA256(compressed public key at m/1017'/coin'/7'/0/0)`.
public enum LNDBackupCrypto {
    public static let nonceByteCount = 24
    public static let tagByteCount = 16

    /// lnd's backup key from the family-7 public key (33 bytes, compressed). It is also what
    /// `DeriveSharedKey(G, family 7)` returns, so an agent can get it without the seed.
    public static func key(fromFamily7PublicKey publicKey: [UInt8]) throws -> SecureBytes {
        guard publicKey.count == 33, (try? PublicKey(bytes: publicKey)) != nil else {
            throw LNDBackupCryptoError.invalidKey("the family-7 public key must be a 33-byte compressed secp256k1 point")
        }
        return try SecureBytes(copying: SHA256.hash(publicKey))
    }

    /// lnd's backup key from the family-7 public key derived with SeedKit.
    public static func key(fromFamily7PublicKey publicKey: PublicKey) throws -> SecureBytes {
        try SecureBytes(copying: SHA256.hash(publicKey.compressed))
    }

    /// Opens a blob; the first 24 bytes are the nonce and the associated data.
    public static func decrypt(blob: [UInt8], key: SecureBytes) throws -> [UInt8] {
        guard blob.count >= nonceByteCount else { throw LNDBackupCryptoError.payloadTooSmall(blob.count) }
        guard key.count == XChaCha20Poly1305.keyByteCount else {
            throw LNDBackupCryptoError.invalidKey("the key must be 32 bytes, got \(key.count)")
        }
        let nonce = Array(blob[0..<nonceByteCount])
        do {
            return try XChaCha20Poly1305.open(blob[nonceByteCount...], associatedData: nonce, nonce: nonce, key: key)
        } catch SodiumError.authenticationFailed {
            throw LNDBackupCryptoError.authenticationFailed
        }
    }

    /// Seals a plaintext as lnd does. The nonce defaults to 24 fresh random bytes; pass one only
    /// for reproducible test vectors.
    public static func encrypt(plaintext: [UInt8], key: SecureBytes, nonce: [UInt8]? = nil) throws -> [UInt8] {
        let nonce = nonce ?? Random.bytes(nonceByteCount)
        guard key.count == XChaCha20Poly1305.keyByteCount else {
            throw LNDBackupCryptoError.invalidKey("the key must be 32 bytes, got \(key.count)")
        }
        return nonce + (try XChaCha20Poly1305.seal(plaintext, associatedData: nonce, nonce: nonce, key: key))
    }

    /// Decrypts and decodes an lnd `channel.backup` (or `multi_chan_backup` bytes).
    public static func openMulti(blob: [UInt8], key: SecureBytes) throws -> MultiBackup {
        try MultiBackup(decoding: decrypt(blob: blob, key: key))
    }

    /// Decrypts and decodes one exported Single (`chan_backup` bytes).
    public static func openSingle(blob: [UInt8], key: SecureBytes) throws -> SingleBackup {
        try SingleBackup(decoding: decrypt(blob: blob, key: key))
    }

    /// Encodes and seals a Multi (what lnd writes to `channel.backup`).
    public static func seal(_ multi: MultiBackup, key: SecureBytes, nonce: [UInt8]? = nil) throws -> [UInt8] {
        try encrypt(plaintext: multi.encoded(), key: key, nonce: nonce)
    }

    /// Encodes and seals one Single (what lnd returns per channel from ExportAllChannelBackups).
    public static func seal(_ single: SingleBackup, key: SecureBytes, nonce: [UInt8]? = nil) throws -> [UInt8] {
        try encrypt(plaintext: single.encoded(), key: key, nonce: nonce)
    }
}
