internal import CSecp256k1
public import Sodium

/// A secp256k1 private key held in libsodium secure memory.
public struct PrivateKey: Sendable {
    /// The 32-byte scalar.
    public let secret: SecureBytes

    /// Wraps a 32-byte scalar; rejects zero and values not below the group order.
    public init(secret: SecureBytes) throws {
        guard secret.count == 32 else { throw Secp256k1Error.invalidPrivateKey }
        let ok = secret.withUnsafeBytes { s in
            secp256k1_ec_seckey_verify(Secp256k1Context.shared.raw, s.bindMemory(to: UInt8.self).baseAddress!) == 1
        }
        guard ok else { throw Secp256k1Error.invalidPrivateKey }
        self.secret = secret
    }

    /// A fresh random key (ephemeral BOLT 8 keys, simulated nodes).
    public static func generate() throws -> PrivateKey {
        while true {
            if let key = try? PrivateKey(secret: SecureBytes.random(count: 32)) { return key }
        }
    }

    public var publicKey: PublicKey {
        var pk = secp256k1_pubkey()
        secret.withUnsafeBytes { s in
            _ = secp256k1_ec_pubkey_create(Secp256k1Context.shared.raw, &pk, s.bindMemory(to: UInt8.self).baseAddress!)
        }
        return PublicKey(raw: pk)
    }

    /// `(self + tweak) mod n` (BIP32 private derivation).
    public func tweakAdd(_ tweak: [UInt8]) throws -> PrivateKey {
        guard tweak.count == 32 else { throw Secp256k1Error.tweakOutOfRange }
        var failed = false
        let out = try SecureBytes(count: 32) { dst in
            secret.withUnsafeBytes { src in dst.copyMemory(from: src) }
            if secp256k1_ec_seckey_tweak_add(Secp256k1Context.shared.raw, dst.bindMemory(to: UInt8.self).baseAddress!, tweak) != 1 {
                failed = true
            }
        }
        if failed { throw Secp256k1Error.tweakOutOfRange }
        return try PrivateKey(secret: out)
    }

    /// ECDH as lnd, BOLT 8 and libsecp256k1's default define it: SHA256(compressed(self·point)).
    public func sharedSecret(with point: PublicKey) throws -> SecureBytes {
        var pk = point.raw
        var failed = false
        let out = try SecureBytes(count: 32) { dst in
            secret.withUnsafeBytes { s in
                if secp256k1_ecdh(Secp256k1Context.shared.raw, dst.bindMemory(to: UInt8.self).baseAddress!, &pk,
                                  s.bindMemory(to: UInt8.self).baseAddress!, nil, nil) != 1 {
                    failed = true
                }
            }
        }
        if failed { throw Secp256k1Error.invalidPublicKey }
        return out
    }

    /// ECDSA signature (RFC 6979 nonce, low-S) over a 32-byte digest, DER-encoded.
    public func signECDSA(digest: [UInt8]) -> [UInt8] {
        precondition(digest.count == 32)
        var sig = secp256k1_ecdsa_signature()
        secret.withUnsafeBytes { s in
            _ = secp256k1_ecdsa_sign(Secp256k1Context.shared.raw, &sig, digest, s.bindMemory(to: UInt8.self).baseAddress!, nil, nil)
        }
        var der = [UInt8](repeating: 0, count: 72)
        var len = 72
        _ = secp256k1_ecdsa_signature_serialize_der(Secp256k1Context.shared.raw, &der, &len, &sig)
        return Array(der[0..<len])
    }
}
