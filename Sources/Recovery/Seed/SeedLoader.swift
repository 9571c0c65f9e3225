import CommandLineSupport
import SeedKit
import Sodium

/// Turns the owner's secret inputs into `SeedMaterial`, with errors that say what to fix.
/// Words and passphrase come from files (scripts, drills) or the terminal (no echo).
public struct SeedLoader: Sendable {
    public var wordsFile: String?
    public var passphraseFile: String?
    public var rootKeyFile: String?
    /// scrypt cost for the aezeed; only tests lower it.
    public var scryptN: UInt64

    public init(wordsFile: String? = nil, passphraseFile: String? = nil, rootKeyFile: String? = nil,
                scryptN: UInt64 = CipherSeed.productionScryptN) {
        self.wordsFile = wordsFile
        self.passphraseFile = passphraseFile
        self.rootKeyFile = rootKeyFile
        self.scryptN = scryptN
    }

    public func load() throws -> SeedMaterial {
        if let rootKeyFile {
            return .rootKey(try loadRootKey(rootKeyFile))
        }
        return try loadWords().material
    }

    /// The words themselves as well, for lnd's InitWallet (restore). A root key cannot create a wallet.
    /// The words come back as lnd's InitWallet takes them (lowercase, single spaces), in secure memory.
    public func loadWords() throws -> (material: SeedMaterial, words: SecureBytes, passphrase: SecureBytes?) {
        guard rootKeyFile == nil else { throw RecoveryError.needsWords }
        let input = SeedWordsInput(wordsFile: wordsFile, passphraseFile: passphraseFile)
        let (_, enciphered, given) = try RecoveryError.mapping {
            try input.read { wordsText in
                do {
                    return try Mnemonic.enciphered(fromText: wordsText)
                } catch let error as AezeedError {
                    throw RecoveryError.invalidSeed(error.description + ".")
                }
            }
        }
        do {
            let seed = try CipherSeed.decipher(enciphered: enciphered, passphrase: given, scryptN: scryptN)
            return (.cipherSeed(seed), try Mnemonic.text(fromEnciphered: enciphered), given)
        } catch let error as AezeedError {
            throw RecoveryError.invalidSeed(error.description + ".")
        }
    }

    private func loadRootKey(_ path: String) throws -> ExtendedPrivateKey {
        let secret = try RecoveryError.mapping { try SecretSource.file(path).read() }
        let text = String(decoding: secret.unsafeCopy(), as: UTF8.self).trimmingWhitespace()
        do {
            return try ExtendedPrivateKey(base58: text)
        } catch {
            throw RecoveryError.invalidRootKey(String(describing: error))
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
