internal import CSecp256k1
import Codecs

/// A secp256k1 public key, kept in its 33-byte compressed form.
public struct PublicKey: Hashable, Sendable, CustomStringConvertible {
    /// The compressed SEC1 encoding (02/03 || x).
    public let compressed: [UInt8]

    /// Parses a compressed (33) or uncompressed (65) SEC1 encoding; rejects points off the curve.
    public init(bytes: [UInt8]) throws {
        var pk = secp256k1_pubkey()
        guard secp256k1_ec_pubkey_parse(Secp256k1Context.shared.raw, &pk, bytes, bytes.count) == 1 else {
            throw Secp256k1Error.invalidPublicKey
        }
        compressed = PublicKey.serialize(pk)
    }

    init(raw: secp256k1_pubkey) {
        compressed = PublicKey.serialize(raw)
    }

    /// The generator point G.
    public static let generator: PublicKey = try! PublicKey(bytes: GeneratorPoint.compressed)

    public var description: String { Hex.encode(compressed) }

    var raw: secp256k1_pubkey {
        var pk = secp256k1_pubkey()
        _ = secp256k1_ec_pubkey_parse(Secp256k1Context.shared.raw, &pk, compressed, compressed.count)
        return pk
    }

    /// The 65-byte uncompressed encoding (04 || x || y).
    public var uncompressed: [UInt8] {
        var out = [UInt8](repeating: 0, count: 65)
        var len = 65
        var pk = raw
        _ = secp256k1_ec_pubkey_serialize(Secp256k1Context.shared.raw, &out, &len, &pk, UInt32(SECP256K1_EC_UNCOMPRESSED))
        return out
    }

    /// `self + tweak·G` (BIP32 public derivation).
    public func tweakAdd(_ tweak: [UInt8]) throws -> PublicKey {
        guard tweak.count == 32 else { throw Secp256k1Error.tweakOutOfRange }
        var pk = raw
        guard secp256k1_ec_pubkey_tweak_add(Secp256k1Context.shared.raw, &pk, tweak) == 1 else {
            throw Secp256k1Error.tweakOutOfRange
        }
        return PublicKey(raw: pk)
    }

    /// `tweak·self` (scalar multiplication by a public scalar).
    public func tweakMultiply(_ tweak: [UInt8]) throws -> PublicKey {
        guard tweak.count == 32 else { throw Secp256k1Error.tweakOutOfRange }
        var pk = raw
        guard secp256k1_ec_pubkey_tweak_mul(Secp256k1Context.shared.raw, &pk, tweak) == 1 else {
            throw Secp256k1Error.tweakOutOfRange
        }
        return PublicKey(raw: pk)
    }

    /// True if `x` (32 bytes) is the x-coordinate of a curve point (used to find NUMS points).
    public static func isXCoordinate(_ x: [UInt8]) -> Bool {
        (try? PublicKey(bytes: [0x02] + x)) != nil
    }

    /// Verifies an ECDSA signature (DER, or 64-byte compact r||s) over a 32-byte digest.
    /// High-S signatures are normalised first, as Bitcoin nodes accept them in DER form.
    public func verifyECDSA(signature: [UInt8], digest: [UInt8]) throws -> Bool {
        guard digest.count == 32 else { return false }
        var sig = secp256k1_ecdsa_signature()
        let ctx = Secp256k1Context.shared.raw
        let parsed: Int32
        if signature.count == 64 {
            parsed = secp256k1_ecdsa_signature_parse_compact(ctx, &sig, signature)
        } else {
            parsed = secp256k1_ecdsa_signature_parse_der(ctx, &sig, signature, signature.count)
        }
        guard parsed == 1 else { throw Secp256k1Error.invalidSignature }
        var normalized = secp256k1_ecdsa_signature()
        _ = secp256k1_ecdsa_signature_normalize(ctx, &normalized, &sig)
        var pk = raw
        return secp256k1_ecdsa_verify(ctx, &normalized, digest, &pk) == 1
    }

    private static func serialize(_ pk: secp256k1_pubkey) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 33)
        var len = 33
        var copy = pk
        _ = secp256k1_ec_pubkey_serialize(Secp256k1Context.shared.raw, &out, &len, &copy, UInt32(SECP256K1_EC_COMPRESSED))
        return out
    }
}

private enum GeneratorPoint {
    static let compressed: [UInt8] = [
        0x02, 0x79, 0xBE, 0x66, 0x7E, 0xF9, 0xDC, 0xBB, 0xAC, 0x55, 0xA0, 0x62, 0x95, 0xCE, 0x87, 0x0B, 0x07,
        0x02, 0x9B, 0xFC, 0xDB, 0x2D, 0xCE, 0x28, 0xD9, 0x59, 0xF2, 0x81, 0x5B, 0x16, 0xF8, 0x17, 0x98,
    ]
}
