import Secp256k1
import Sodium
import LightningTypes

/// A BIP32 extended private key: private derivation, and xprv/tprv (de)serialization.
///
/// lnd's root is `ExtendedPrivateKey(masterFromSeed: cipherSeed.entropy, network:)`:
/// the 16-byte aezeed entropy is the BIP32 seed, with no stretching (docs/seed.md).
public struct ExtendedPrivateKey: Sendable {
    public static let serializedCount = 78

    public let network: BitcoinNetwork
    public let depth: UInt8
    public let parentFingerprint: [UInt8]
    public let childNumber: UInt32
    public let chainCode: SecureBytes
    public let privateKey: PrivateKey

    public var publicKey: PublicKey { privateKey.publicKey }

    /// The first 4 bytes of HASH160 of the compressed public key.
    public var fingerprint: [UInt8] { Array(Hash160.hash(publicKey.compressed)[0..<4]) }

    init(network: BitcoinNetwork, depth: UInt8, parentFingerprint: [UInt8], childNumber: UInt32,
         chainCode: SecureBytes, privateKey: PrivateKey) {
        self.network = network
        self.depth = depth
        self.parentFingerprint = parentFingerprint
        self.childNumber = childNumber
        self.chainCode = chainCode
        self.privateKey = privateKey
    }

    /// The master key: I = HMAC-SHA512(key "Bitcoin seed", seed); key = I[0..<32], chain code = I[32...].
    public init(masterFromSeed seed: SecureBytes, network: BitcoinNetwork) throws {
        guard (16...64).contains(seed.count) else { throw BIP32Error.invalidSeedLength(seed.count) }
        let i = try HMAC.sha512(key: SecureBytes(copying: Array("Bitcoin seed".utf8)), message: seed)
        let key: PrivateKey
        do {
            key = try PrivateKey(secret: i.slice(0..<32))
        } catch {
            throw BIP32Error.invalidPrivateKey
        }
        self.init(network: network, depth: 0, parentFingerprint: [0, 0, 0, 0], childNumber: 0,
                  chainCode: try i.slice(32..<64), privateKey: key)
    }

    /// Parses an xprv (mainnet), tprv (testnet, signet, regtest) or sprv (simnet) key.
    /// Without `network`, a tprv is taken as testnet; with it, the prefix must match.
    public init(base58 text: String, network: BitcoinNetwork? = nil) throws {
        guard var raw = Base58Check.decode(text.trimmingWhitespace()) else { throw BIP32Error.invalidBase58 }
        defer { SecureBytes.zero(&raw) }
        guard raw.count == ExtendedPrivateKey.serializedCount else { throw BIP32Error.wrongLength(raw.count) }
        let version = Array(raw[0..<4])
        guard let prefix = ExtendedKeyVersion.prefix(of: version),
              let implied = ExtendedKeyVersion.defaultNetwork(for: version) else {
            throw BIP32Error.unknownVersion(version)
        }
        if let network, ExtendedKeyVersion.privateVersion(for: network) != version {
            throw BIP32Error.networkMismatch(expected: network, keyPrefix: prefix)
        }
        let depth = raw[4]
        let parent = Array(raw[5..<9])
        let child = raw[9..<13].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard depth != 0 || (parent == [0, 0, 0, 0] && child == 0) else { throw BIP32Error.invalidMasterKey }
        guard raw[45] == 0 else { throw BIP32Error.invalidPrivateKey }
        let key: PrivateKey
        do {
            key = try PrivateKey(secret: SecureBytes(copying: raw[46..<78]))
        } catch {
            throw BIP32Error.invalidPrivateKey
        }
        self.init(network: network ?? implied, depth: depth, parentFingerprint: parent, childNumber: child,
                  chainCode: try SecureBytes(copying: raw[13..<45]), privateKey: key)
    }

    /// The Base58Check serialization (xprv/tprv/sprv). It is the whole secret: never log it.
    public func base58() -> String {
        var raw = ExtendedKeyVersion.privateVersion(for: network) + [depth] + parentFingerprint + bigEndian(childNumber)
        raw += chainCode.unsafeCopy()
        raw.append(0)
        raw += privateKey.secret.unsafeCopy()
        defer { SecureBytes.zero(&raw) }
        return Base58Check.encode(raw)
    }

    /// Private child derivation along `path` (use `Hardened.index` for hardened levels).
    public func derive(_ path: [UInt32]) throws -> ExtendedPrivateKey {
        var key = self
        for index in path { key = try key.child(index) }
        return key
    }

    /// CKDpriv: I = HMAC-SHA512(chain code, 0x00 || k || index) when hardened, else
    /// HMAC-SHA512(chain code, compressed(K) || index); child k = I[0..<32] + k mod n.
    public func child(_ index: UInt32) throws -> ExtendedPrivateKey {
        guard depth < UInt8.max else { throw BIP32Error.depthExceeded }
        let indexBytes = bigEndian(index)
        let data: SecureBytes
        if Hardened.isHardened(index) {
            data = try SecureBytes(count: 37) { d in
                d[0] = 0
                privateKey.secret.withUnsafeBytes { k in
                    for n in 0..<32 { d[1 + n] = k[n] }
                }
                for n in 0..<4 { d[33 + n] = indexBytes[n] }
            }
        } else {
            data = try SecureBytes(copying: publicKey.compressed + indexBytes)
        }
        let i = try HMAC.sha512(key: chainCode, message: data)
        var tweak = i.withUnsafeBytes { Array($0[0..<32]) }
        defer { SecureBytes.zero(&tweak) }
        let childKey: PrivateKey
        do {
            childKey = try privateKey.tweakAdd(tweak)
        } catch {
            throw BIP32Error.invalidChild(index)
        }
        return ExtendedPrivateKey(network: network, depth: depth + 1, parentFingerprint: fingerprint, childNumber: index,
                                  chainCode: try i.slice(32..<64), privateKey: childKey)
    }

    private func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8(truncatingIfNeeded: v >> 16), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)]
    }
}

extension String {
    /// The text without leading and trailing whitespace (newlines included).
    func trimmingWhitespace() -> String {
        String(drop(while: { $0.isWhitespace }).reversed().drop(while: { $0.isWhitespace }).reversed())
    }
}
