import BlobStorage
import Foundation
import Sodium
import Testing
import VaultAPI
@testable import VaultServer
import Codecs

/// docs/vault-api.md "Signed responses" against a vector made independently (Python `cryptography`).
@Suite struct ResponseSignatureVectorTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Vectors/vault-response/put-receipt.txt").standardized

    static func fields() throws -> [String: String] {
        var fields: [String: String] = [:]
        for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    @Test func messageAndSignatureMatchTheVector() throws {
        let f = try Self.fields()
        let key = VaultResponseKey(keyPair: try Ed25519.KeyPair(seed: SecureBytes(copying: try #require(Hex.decode(f["response-key-seed"]!)))))
        #expect(Hex.encode(key.publicKey) == f["response-key"])
        let requestSignature = try #require(Hex.decode(f["request-signature"]!))
        let status = try #require(Int(f["status"]!))
        let bodyHash = SHA256.hash(try #require(Hex.decode(f["body-hex"]!)))
        let message = try #require(SignedResponse.message(requestSignature: requestSignature, status: status, bodySHA256: bodyHash))
        #expect(message.count == SignedResponse.messageByteCount)
        #expect(Hex.encode(message) == f["message-hex"])
        // Ed25519 is deterministic: the vault's header value must equal the independent signature.
        #expect(key.signature(requestSignature: requestSignature, status: status, bodySHA256: bodyHash) == f["expect-signature"])
    }

    @Test func malformedInputsMakeNoMessage() {
        let hash = [UInt8](repeating: 1, count: 32)
        #expect(SignedResponse.message(requestSignature: [UInt8](repeating: 0, count: 63), status: 201, bodySHA256: hash) == nil)
        #expect(SignedResponse.message(requestSignature: [UInt8](repeating: 0, count: 64), status: 201, bodySHA256: [1]) == nil)
        #expect(SignedResponse.message(requestSignature: [UInt8](repeating: 0, count: 64), status: 70_000, bodySHA256: hash) == nil)
    }
}
