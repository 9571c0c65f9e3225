import BlobStorage
import Foundation
import Sodium
import VaultAPI
import Codecs

/// The vault's Ed25519 response key: it signs every answer to a signed request
/// (`Casa-Response-Signature`, docs/vault-api.md "Signed responses"), so a man in the middle
/// with a mis-issued certificate cannot fake an upload receipt. Clients record its public half
/// when they enroll. It is kept as a 32-byte seed in a 0600 file (`response_key_file`).
public struct VaultResponseKey: Sendable {
    let keyPair: Ed25519.KeyPair
    public var publicKey: [UInt8] { keyPair.publicKey }

    public init(keyPair: Ed25519.KeyPair) {
        self.keyPair = keyPair
    }

    /// A key for this process only (tests, `--memory`): clients that recorded another refuse it.
    public static func ephemeral() throws -> VaultResponseKey {
        VaultResponseKey(keyPair: try Ed25519.KeyPair.generate())
    }

    /// Reads the seed file; when it is missing and `create` is set, makes a new one (0600). Two
    /// processes racing to create it end up with the same key (the file appears whole, by link()).
    public static func load(path: String, create: Bool) throws -> VaultResponseKey {
        if !FileManager.default.fileExists(atPath: path) {
            guard create else {
                throw VaultConfigurationError(
                    "response_key_file \(path) does not exist: create it once (head -c 32 /dev/urandom > \(path); chmod 600 \(path)) and give every vault process sharing the database the same file")
            }
            try ResponseKeyFile.create(path, seed: try SecureBytes.random(count: Ed25519.seedByteCount))
        }
        let seed = try ResponseKeyFile.read(path)
        return VaultResponseKey(keyPair: try Ed25519.KeyPair(seed: seed))
    }

    /// The header value for an answer with `status` and a body hashing to `bodySHA256`, to the
    /// request signed `requestSignature`; nil when that signature is not 64 bytes.
    func signature(requestSignature: [UInt8], status: Int, bodySHA256: [UInt8]) -> String? {
        guard let message = SignedResponse.message(requestSignature: requestSignature, status: status, bodySHA256: bodySHA256) else {
            return nil
        }
        return Hex.encode(keyPair.sign(message))
    }
}
