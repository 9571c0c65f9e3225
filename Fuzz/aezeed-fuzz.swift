// libFuzzer harness for aezeed (lnd's seed format): mnemonic parsing, CipherSeed deciphering
// with lnd's test scrypt N = 16 (the production N = 32768 would make each run ~0.1 s), and AEZ
// itself on every length. Run with scripts/fuzz aezeed. Malformed input must end in an
// AezeedError or AEZError; AEZ must round-trip whatever it seals.
@testable import SeedKit
import Sodium

/// lnd's aezeed test vectors use N = 16 (Tests/Vectors/seedkit/aezeed/lnd-v1-n16.txt).
private let testScryptN: UInt64 = 16
private let aezKey = try! SecureBytes(copying: [UInt8](repeating: 0x5a, count: 32))

private func expectSeedError(_ body: () throws -> Void) {
    do { try body() } catch is AezeedError {} catch is AEZError {} catch { fatalError("untyped error \(error)") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let input = FuzzInput(data, size) else { return 0 }
    switch input.selector % 4 {
    case 0:
        // Typed or pasted words, then the seed they encode (as `casa-recover` reads them).
        expectSeedError {
            let words = try Mnemonic.parse(text: String(decoding: input.bytes.prefix(512), as: UTF8.self))
            _ = try CipherSeed.decipher(mnemonic: words, passphrase: nil, scryptN: testScryptN)
        }
    case 1:
        // The 33 enciphered bytes as they are (most fail the checksum before scrypt).
        expectSeedError { _ = try CipherSeed.decipher(enciphered: input.bytes, passphrase: nil, scryptN: testScryptN) }
    case 2:
        // The same with a correct checksum, so scrypt, AEZ and the version checks run.
        var bytes = input.bytes
        guard bytes.count == CipherSeed.encipheredCount else { return 0 }
        let checksum = CRC32C.checksum(bytes[0..<CipherSeed.checksumOffset])
        for k in 0..<4 { bytes[CipherSeed.checksumOffset + k] = UInt8(truncatingIfNeeded: checksum >> (24 - 8 * k)) }
        expectSeedError {
            let seed = try CipherSeed.decipher(enciphered: bytes, passphrase: nil, scryptN: testScryptN)
            // A seed that deciphers must encipher back to the same bytes (same salt, same key).
            guard try seed.enciphered(passphrase: nil, scryptN: testScryptN) == bytes else { fatalError("aezeed round trip changed the bytes") }
        }
    default:
        // AEZ on any length and tau: decrypt must refuse garbage, and seal-then-open round-trips.
        let tau = Int(input.selector >> 2) % 17
        expectSeedError { _ = try AEZ.decrypt(key: aezKey, nonce: [], associatedData: [[1, 2]], tau: tau, ciphertext: input.bytes) }
        guard let plaintext = try? SecureBytes(copying: input.bytes) else { return 0 }
        expectSeedError {
            let sealed = try AEZ.encrypt(key: aezKey, nonce: [], associatedData: [[1, 2]], tau: tau, plaintext: plaintext)
            let opened = try AEZ.decrypt(key: aezKey, nonce: [], associatedData: [[1, 2]], tau: tau, ciphertext: sealed)
            guard opened.unsafeCopy() == input.bytes else { fatalError("AEZ round trip changed \(input.bytes.count) bytes") }
        }
    }
    return 0
}
