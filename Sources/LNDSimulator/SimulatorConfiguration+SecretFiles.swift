import Foundation
import Sodium

extension SimulatorConfiguration {
    /// Reads lnd-style secret files: `--wallet-password-file` (unlock at every start, like lnd's
    /// wallet-unlock-password-file), `--seed-words-file` (create the wallet from these 24 words;
    /// needs the password) and `--aezeed-passphrase-file`. A trailing newline is trimmed, as lnd does.
    public mutating func readSecretFiles(walletPassword: String?, seedWords: String?, aezeedPassphrase: String?) throws(SimulatorControlError) {
        if let walletPassword {
            do {
                autoUnlockPassword = try SecureBytes(copying: try Self.readTrimmed(walletPassword))
            } catch let error as SimulatorControlError {
                throw error
            } catch {
                throw SimulatorControlError("cannot keep the wallet password in secure memory: \(error)")
            }
        }
        if let seedWords {
            guard autoUnlockPassword != nil else {
                throw SimulatorControlError("--seed-words-file needs --wallet-password-file (the new wallet's password)")
            }
            self.seedWords = String(decoding: try Self.readTrimmed(seedWords), as: UTF8.self)
                .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).map(String.init)
        }
        if let aezeedPassphrase { self.aezeedPassphrase = try Self.readTrimmed(aezeedPassphrase) }
    }

    private static func readTrimmed(_ path: String) throws(SimulatorControlError) -> [UInt8] {
        guard var bytes = FileManager.default.contents(atPath: path).map({ Array($0) }) else {
            throw SimulatorControlError("cannot read \(path)")
        }
        while let last = bytes.last, last == 0x0a || last == 0x0d { bytes.removeLast() }
        return bytes
    }
}
