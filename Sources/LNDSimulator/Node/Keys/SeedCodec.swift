import Foundation
import SeedKit
import Sodium

/// aezeed as GenSeed and InitWallet need it (SeedKit's CipherSeed), with lnd's error messages.
enum SeedCodec {
    struct Generated {
        let mnemonic: [String]
        let enciphered: [UInt8]
    }

    /// A new cipher seed (current internal version, birthday today) from 16 bytes of entropy.
    static func generate(entropy: [UInt8], passphrase: [UInt8]) throws(RPCError) -> Generated {
        do {
            let seed = try CipherSeed(
                internalVersion: CipherSeed.currentInternalVersion, birthday: CipherSeed.birthday(date: Date()),
                entropy: SecureBytes(copying: entropy), salt: Random.bytes(CipherSeed.saltCount))
            let secret = passphrase.isEmpty ? nil : try SecureBytes(copying: passphrase)
            return Generated(mnemonic: try seed.encipher(passphrase: secret), enciphered: try seed.enciphered(passphrase: secret))
        } catch {
            throw .unknown("unable to generate seed: \(error)")
        }
    }

    /// The 16-byte entropy and birthday of a mnemonic, or lnd's error for a bad one.
    static func decode(mnemonic: [String], passphrase: [UInt8]) throws(RPCError) -> (entropy: SecureBytes, birthday: UInt16) {
        do {
            let secret = passphrase.isEmpty ? nil : try SecureBytes(copying: passphrase)
            let seed = try CipherSeed.decipher(mnemonic: mnemonic, passphrase: secret)
            return (seed.entropy, seed.birthday)
        } catch let error as AezeedError {
            switch error {
            case .wrongPassphrase: throw .unknown("invalid passphrase")
            case .badChecksum: throw .unknown("mnemonic phrase checksum doesn't match")
            case .unknownWord(let word, let position, _):
                throw .unknown("mnemonic contains an unknown word: \(word) (word \(position - 1))")
            case .unsupportedExternalVersion, .unsupportedInternalVersion: throw .unknown("wrong seed version")
            case .wrongWordCount(let got): throw .unknown("mnemonic must be exactly 24 words, got \(got)")
            case .invalidLength: throw .unknown("\(error)")
            }
        } catch {
            throw .unknown("\(error)")
        }
    }
}
