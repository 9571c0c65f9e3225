import BlobStorage
import Foundation
import Sodium
import VaultAPI
import Codecs

extension RawConnection {
    /// The head of a device-signed blob PUT of `body` to `path` (ending with the blank line), for
    /// tests that send the body themselves, in pieces.
    static func signedPutHead(path: String, body: [UInt8], device: Ed25519.KeyPair) throws -> [UInt8] {
        let signed = SignedRequest(
            method: "PUT", path: path, query: "", bodySHA256: SHA256.hash(body), key: device.publicKey,
            freshness: .timestamp(Int64(Date().timeIntervalSince1970)), nonce: Hex.encode(Random.bytes(16)))
        var head = "PUT \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\nContent-Length: \(body.count)\r\n"
        head += "\(VaultHeader.contentHash): \(try ContentHash(SHA256.hash(body)).hex)\r\n"
        for header in signed.headers(signature: device.sign(signed.canonicalMessage)) { head += "\(header.name): \(header.value)\r\n" }
        return Array((head + "\r\n").utf8)
    }
}
