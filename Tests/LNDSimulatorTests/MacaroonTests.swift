import Foundation
import Testing
@testable import LNDSimulator
import Sodium
import Codecs

@Suite("Macaroons: v2 binary format, signature chain, bakery v3 identifier, lnd's checks")
struct MacaroonTests {
    let rootKey: SecureBytes

    init() throws {
        rootKey = try SecureBytes(copying: Array(repeating: 7, count: 32))
    }

    func identifier(_ permissions: [MacaroonOperation]) -> [UInt8] {
        MacaroonIdentifier(nonce: Array(repeating: 1, count: 16), storageID: Array("0".utf8), permissions: permissions).serialized()
    }

    @Test("binary round trip keeps location, identifier, caveats and signature")
    func roundTrip() throws {
        let macaroon = try Macaroon.mint(rootKey: rootKey, identifier: identifier(MacaroonOperation.readOnly), location: "lnd")
            .addingFirstPartyCaveat("time-before 2099-01-01T00:00:00Z")
        let bytes = macaroon.serialized()
        #expect(bytes.first == 2)
        let parsed = try Macaroon.parse(bytes)
        #expect(parsed == macaroon)
        #expect(parsed.caveats.map(\.condition) == ["time-before 2099-01-01T00:00:00Z"])
        #expect(try parsed.verifiedConditions(rootKey: rootKey) == ["time-before 2099-01-01T00:00:00Z"])
    }

    /// Known answer computed independently: sig0 = HMAC(HMAC("macaroons-key-generator", root), id),
    /// sig1 = HMAC(sig0, caveat) (go-macaroon's construction).
    @Test("signature chain matches an independent HMAC-SHA256 computation")
    func signatureChain() throws {
        let id = Array("id".utf8)
        let macaroon = try Macaroon.mint(rootKey: rootKey, identifier: id, location: "").addingFirstPartyCaveat("a b")
        let derived = try HMAC.sha256(key: SecureBytes(copying: Array("macaroons-key-generator".utf8)), message: rootKey)
        let sig0 = try HMAC.sha256(key: derived, message: SecureBytes(copying: id))
        let sig1 = try HMAC.sha256(key: sig0, message: SecureBytes(copying: Array("a b".utf8)))
        #expect(macaroon.signature == sig1.unsafeCopy())
        // The encoding, byte by byte: version, identifier field, EOS, caveat id, EOS, EOS, signature field.
        let expected: [UInt8] = [2, 2, 2] + id + [0, 2, 3] + Array("a b".utf8) + [0, 0, 6, 32] + sig1.unsafeCopy()
        #expect(macaroon.serialized() == expected)
    }

    @Test("a tampered caveat or a foreign root key fails verification")
    func tampering() throws {
        let macaroon = try Macaroon.mint(rootKey: rootKey, identifier: identifier(MacaroonOperation.admin), location: "lnd")
            .addingFirstPartyCaveat("time-before 2099-01-01T00:00:00Z")
        var tampered = macaroon
        tampered.caveats[0].identifier = Array("time-before 2199-01-01T00:00:00Z".utf8)
        #expect(try tampered.verifiedConditions(rootKey: rootKey) == nil)
        #expect(try macaroon.verifiedConditions(rootKey: SecureBytes(copying: Array(repeating: 8, count: 32))) == nil)
    }

    @Test("identifier holds the permissions, grouped by entity and sorted like bakery")
    func identifierEncoding() throws {
        let id = MacaroonIdentifier(nonce: [9, 9], storageID: Array("0".utf8), permissions: [
            MacaroonOperation("offchain", "write"), MacaroonOperation("info", "read"), MacaroonOperation("offchain", "read"),
        ])
        let bytes = id.serialized()
        let expected: [UInt8] = [3, 0x0a, 2, 9, 9, 0x12, 1, 0x30]
            + [0x1a, 12, 0x0a, 4] + Array("info".utf8) + [0x12, 4] + Array("read".utf8)
            + [0x1a, 23, 0x0a, 8] + Array("offchain".utf8) + [0x12, 4] + Array("read".utf8) + [0x12, 5] + Array("write".utf8)
        #expect(bytes == expected)
        let parsed = try #require(MacaroonIdentifier.parse(bytes))
        #expect(Set(parsed.permissions) == Set(id.permissions))
    }

    @Test("parser rejects truncated and foreign input")
    func malformed() throws {
        let bytes = try Macaroon.mint(rootKey: rootKey, identifier: identifier([]), location: "lnd").serialized()
        #expect(throws: Macaroon.FormatError.self) { try Macaroon.parse(Array(bytes.dropLast(5))) }
        #expect(throws: Macaroon.FormatError.unsupportedVersion(1)) { try Macaroon.parse([1, 2, 3]) }
        #expect(throws: Macaroon.FormatError.truncated) { try Macaroon.parse([]) }
    }

    func authorize(_ macaroon: Macaroon, required: [MacaroonOperation], method: String = "/lnrpc.Lightning/GetInfo",
                   keys: [String: SecureBytes]? = nil, now: Date = Date()) -> String? {
        do {
            try MacaroonVerifier(rootKeys: keys ?? ["0": rootKey]).authorize(
                headerValues: [Hex.encode(macaroon.serialized())], required: required, fullMethod: method, now: now)
            return nil
        } catch {
            return error.message
        }
    }

    @Test("verifier gives lnd's messages")
    func verifierMessages() throws {
        let readOnly = try Macaroon.mint(rootKey: rootKey, identifier: identifier(MacaroonOperation.readOnly), location: "lnd")
        #expect(authorize(readOnly, required: [MacaroonOperation("info", "read")]) == nil)
        #expect(authorize(readOnly, required: [MacaroonOperation("offchain", "write")]) == "permission denied")
        let scoped = try Macaroon.mint(rootKey: rootKey, identifier: identifier([MacaroonOperation("uri", "/lnrpc.Lightning/GetInfo")]), location: "lnd")
        #expect(authorize(scoped, required: [MacaroonOperation("info", "read")]) == nil)
        #expect(authorize(scoped, required: [MacaroonOperation("offchain", "read")], method: "/lnrpc.Lightning/ListChannels") == "permission denied")
        #expect(authorize(readOnly, required: [], keys: ["0": try SecureBytes(copying: Array(repeating: 1, count: 32))])
            == "verification failed: signature mismatch after caveat verification")
        #expect(authorize(readOnly, required: [], keys: [:]) == "cannot retrieve macaroon: cannot get macaroon: root key with id 0 doesn't exist")
        let expired = try readOnly.addingFirstPartyCaveat("time-before 2020-01-01T00:00:00Z")
        #expect(authorize(expired, required: [MacaroonOperation("info", "read")])
            == "caveat \"time-before 2020-01-01T00:00:00Z\" not satisfied: macaroon has expired")
        let unknown = try readOnly.addingFirstPartyCaveat("lnd-custom foo bar")
        #expect(authorize(unknown, required: [MacaroonOperation("info", "read")])?.hasSuffix("caveat not recognized") == true)
        #expect(throws: RPCError.unknown("expected 1 macaroon, got 0")) {
            try MacaroonVerifier(rootKeys: [:]).authorize(headerValues: [], required: [], fullMethod: "/x")
        }
        #expect(throws: RPCError.unknown("encoding/hex: invalid byte: U+0067 'g'")) {
            try MacaroonVerifier(rootKeys: [:]).authorize(headerValues: ["0g"], required: [], fullMethod: "/x")
        }
    }
}
