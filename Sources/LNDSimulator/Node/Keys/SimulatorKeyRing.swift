import Secp256k1
import SeedKit
import Sodium

/// BIP32 derivation along lnd's key paths. Kept minimal here until SeedKit's
/// `ExtendedPrivateKey`/`LNDKeyRing` are merged; then this delegates to them.
struct SimulatorKeyRing: Sendable {
    private let master: (key: PrivateKey, chainCode: SecureBytes)
    private let coinType: UInt32

    init(entropy: SecureBytes, network: BitcoinNetwork) throws {
        let digest = try HMAC.sha512(key: SecureBytes(copying: Array("Bitcoin seed".utf8)), message: entropy)
        master = (try PrivateKey(secret: digest.slice(0..<32)), try digest.slice(32..<64))
        coinType = network.coinType
    }

    func privateKey(for locator: KeyLocator) throws -> PrivateKey {
        var node = master
        let path: [UInt32] = [1017 | 0x8000_0000, coinType | 0x8000_0000, locator.family | 0x8000_0000, 0, locator.index]
        for index in path {
            node = try SimulatorKeyRing.child(node, index)
        }
        return node.key
    }

    private static func child(_ parent: (key: PrivateKey, chainCode: SecureBytes), _ index: UInt32) throws -> (key: PrivateKey, chainCode: SecureBytes) {
        var data: [UInt8]
        if index & 0x8000_0000 != 0 {
            data = [0] + parent.key.secret.unsafeCopy()
        } else {
            data = parent.key.publicKey.compressed
        }
        data += [UInt8(index >> 24), UInt8(index >> 16 & 0xff), UInt8(index >> 8 & 0xff), UInt8(index & 0xff)]
        let digest = try HMAC.sha512(key: parent.chainCode, message: SecureBytes(copying: data))
        SecureBytes.zero(&data)
        var tweak = try digest.slice(0..<32).unsafeCopy()
        defer { SecureBytes.zero(&tweak) }
        return (try parent.key.tweakAdd(tweak), try digest.slice(32..<64))
    }
}
