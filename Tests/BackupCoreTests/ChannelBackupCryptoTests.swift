import BackupCore
import Secp256k1
import Sodium
import Testing
import Codecs
import TestSupport

@Suite struct ChannelBackupCryptoTests {
    @Test func payloadShorterThanNonceIsTooSmall() throws {
        let key = try SecureBytes.random(count: 32)
        let error = try #require(throws: LNDBackupCryptoError.self) { try LNDBackupCrypto.decrypt(blob: [UInt8](repeating: 0, count: 23), key: key) }
        #expect(error == .payloadTooSmall(23))
        #expect(error.description.hasPrefix("payload size too small"))
    }

    @Test(arguments: [24, 39, 40, 100])
    func garbageFailsAuthentication(length: Int) throws {
        let key = try SecureBytes.random(count: 32)
        let error = try #require(throws: LNDBackupCryptoError.self) { try LNDBackupCrypto.decrypt(blob: Random.bytes(length), key: key) }
        #expect(error == .authenticationFailed)
        #expect(error.description.contains("this backup was not made by this seed, or the file is corrupt"))
    }

    @Test func everyFlippedBitFailsAuthentication() throws {
        let vector = try VectorFile.load("scb", "custom-channel-single.vector")
        let key = try vector.secret("key")
        for index in stride(from: 0, to: vector.body.count, by: 7) {
            var blob = vector.body
            blob[index] ^= 0x01
            #expect(throws: LNDBackupCryptoError.authenticationFailed) { try LNDBackupCrypto.decrypt(blob: blob, key: key) }
        }
    }

    @Test func nonceIsAssociatedData() throws {
        let key = try SecureBytes.random(count: 32)
        let nonce = Array(0..<24).map(UInt8.init)
        let blob = try LNDBackupCrypto.encrypt(plaintext: [1, 2, 3], key: key, nonce: nonce)
        #expect(blob.prefix(24) == nonce[...])
        let direct = try XChaCha20Poly1305.seal([1, 2, 3], associatedData: nonce, nonce: nonce, key: key)
        #expect(Array(blob[24...]) == direct)
        #expect(try LNDBackupCrypto.decrypt(blob: blob, key: key) == [1, 2, 3])
    }

    @Test func badKeysAreRejected() throws {
        #expect(throws: LNDBackupCryptoError.self) { try LNDBackupCrypto.decrypt(blob: Random.bytes(50), key: SecureBytes.random(count: 16)) }
        #expect(throws: LNDBackupCryptoError.self) { try LNDBackupCrypto.encrypt(plaintext: [1], key: SecureBytes.random(count: 31)) }
        #expect(throws: LNDBackupCryptoError.self) { try LNDBackupCrypto.key(fromFamily7PublicKey: [0x02] + [UInt8](repeating: 0, count: 32)) }
        #expect(throws: LNDBackupCryptoError.self) { try LNDBackupCrypto.key(fromFamily7PublicKey: [0x02]) }
    }
}

@Suite struct ChannelBackupKeyTests {
    @Test func keyFromParsedPublicKeyMatchesVectorA() throws {
        let vector = try VectorFile.load("scb", "anchors-multi.vector")
        let pub = try PublicKey(bytes: #require(Hex.decode(try vector.field("scb pubkey"))))
        #expect(try LNDBackupCrypto.key(fromFamily7PublicKey: pub).unsafeCopy() == (try vector.secret("key")).unsafeCopy())
    }
}
