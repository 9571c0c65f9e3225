internal import CSodium

/// Ed25519 signatures (vault request signing: owner, device and liveness keys).
public enum Ed25519 {
    public static let publicKeyByteCount = 32
    public static let seedByteCount = 32
    public static let signatureByteCount = 64

    /// A signing key pair. The secret half stays in secure memory.
    public struct KeyPair: Sendable {
        public let publicKey: [UInt8]
        /// libsodium's 64-byte secret key (seed || public key).
        let secretKey: SecureBytes

        /// Deterministic key pair from a 32-byte seed (for keys derived from the backup root).
        public init(seed: SecureBytes) throws {
            SodiumRuntime.ensure()
            guard seed.count == seedByteCount else {
                throw SodiumError.invalidLength(what: "Ed25519 seed", expected: seedByteCount, got: seed.count)
            }
            var pk = [UInt8](repeating: 0, count: publicKeyByteCount)
            secretKey = try SecureBytes(count: 64) { sk in
                seed.withPointer { s in _ = crypto_sign_seed_keypair(&pk, sk.bytePointer, s) }
            }
            publicKey = pk
        }

        /// A fresh random key pair (for example a device key at enrollment).
        public static func generate() throws -> KeyPair {
            try KeyPair(seed: SecureBytes.random(count: seedByteCount))
        }

        /// The 32-byte seed, to store the key (0600 file) and load it again.
        public func seed() throws -> SecureBytes {
            try secretKey.slice(0..<32)
        }

        public func sign(_ message: [UInt8]) -> [UInt8] {
            var sig = [UInt8](repeating: 0, count: signatureByteCount)
            message.withNonNullPointer { m in
                secretKey.withPointer { sk in _ = crypto_sign_detached(&sig, nil, m, UInt64(message.count), sk) }
            }
            return sig
        }
    }

    public static func verify(signature: [UInt8], message: [UInt8], publicKey: [UInt8]) -> Bool {
        SodiumRuntime.ensure()
        guard signature.count == signatureByteCount, publicKey.count == publicKeyByteCount else { return false }
        return message.withNonNullPointer { m in
            crypto_sign_verify_detached(signature, m, UInt64(message.count), publicKey) == 0
        }
    }
}
