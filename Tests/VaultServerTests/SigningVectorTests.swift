import BlobStorage
import Foundation
import Sodium
import Testing
import VaultAPI
import Codecs

/// docs/vault-api.md "Signed requests" against vectors made independently (Python `cryptography`).
@Suite struct SigningVectorTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Vectors/vault-request").standardized

    static var requestVectors: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".txt") && $0 != "account-id.txt" }.sorted()
    }

    static func fields(_ file: String) throws -> [String: String] {
        let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    @Test func vectorsArePresent() {
        #expect(Self.requestVectors.count >= 3)
    }

    @Test(arguments: requestVectors)
    func canonicalMessageAndSignature(_ file: String) throws {
        let f = try Self.fields(file)
        let pair = try Ed25519.KeyPair(seed: SecureBytes(copying: try #require(Hex.decode(f["seed"]!))))
        #expect(Hex.encode(pair.publicKey) == f["key"])
        let (path, query) = SignedRequest.splitTarget(f["target"]!)
        let request = SignedRequest(
            method: f["method"]!, path: path, query: query, bodySHA256: SHA256.hash(try #require(Hex.decode(f["body-hex"]!))),
            key: pair.publicKey, freshness: try #require(Freshness(header: f["freshness"]!)), nonce: f["nonce"]!)
        #expect(Hex.encode(request.canonicalMessage) == f["canonical-hex"])
        // Ed25519 is deterministic, so our signature must equal the independent one.
        #expect(Hex.encode(pair.sign(request.canonicalMessage)) == f["expect-signature"])
        #expect(Ed25519.verify(signature: try #require(Hex.decode(f["expect-signature"]!)), message: request.canonicalMessage, publicKey: pair.publicKey))
    }

    @Test func accountIDCommitment() throws {
        let f = try Self.fields("account-id.txt")
        let owner = try #require(Hex.decode(f["owner-key"]!))
        #expect(AccountID(bytes: SHA256.hash(AccountID.preimage(ownerKey: owner)))?.hex == f["expect-account"])
    }

    @Test func freshnessParsing() {
        #expect(Freshness(header: "t=1764085200") == .timestamp(1_764_085_200))
        #expect(Freshness(header: "c=abc_-09") == .challenge("abc_-09"))
        for bad in ["", "t=", "t=-5", "t=12a", "t=1234567890123", "c=", "c=a b", "c=\(String(repeating: "a", count: 129))", "x=1"] {
            #expect(Freshness(header: bad) == nil, "\(bad)")
        }
    }
}
