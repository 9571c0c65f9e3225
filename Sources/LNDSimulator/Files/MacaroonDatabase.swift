import Foundation
import Sodium

/// The simulator's `macaroons.db`: macaroon root keys by root key id, sealed under the wallet key.
struct MacaroonDatabase: Codable {
    var sealedRootKeys: [String: Data] = [:]

    private static let associatedData = Array("lnd-sim macaroon root key v1".utf8)

    static func load(_ url: URL) throws -> MacaroonDatabase {
        guard let bytes = PosixFile.read(url) else { return MacaroonDatabase() }
        return try JSONDecoder().decode(MacaroonDatabase.self, from: Data(bytes))
    }

    func save(_ url: URL) throws {
        try PosixFile.writeAtomically(Array(try JSONEncoder().encode(self)), to: url)
    }

    func rootKeys(walletKey: SecureBytes) throws -> [String: SecureBytes] {
        var keys: [String: SecureBytes] = [:]
        for (id, sealed) in sealedRootKeys {
            let blob = Array(sealed)
            guard blob.count > XChaCha20Poly1305.nonceByteCount else { continue }
            let nonce = Array(blob[0..<XChaCha20Poly1305.nonceByteCount])
            var plain = try XChaCha20Poly1305.open(
                Array(blob[XChaCha20Poly1305.nonceByteCount...]), associatedData: MacaroonDatabase.associatedData,
                nonce: nonce, key: walletKey)
            keys[id] = try SecureBytes(copying: plain)
            SecureBytes.zero(&plain)
        }
        return keys
    }

    mutating func add(id: String, rootKey: SecureBytes, walletKey: SecureBytes) throws {
        let nonce = Random.bytes(XChaCha20Poly1305.nonceByteCount)
        let sealed = try XChaCha20Poly1305.seal(
            rootKey.unsafeCopy(), associatedData: MacaroonDatabase.associatedData, nonce: nonce, key: walletKey)
        sealedRootKeys[id] = Data(nonce + sealed)
    }
}
