import ArgumentParser
import BackupAgent
import BackupCore
import CommandLineSupport
import Foundation
import SeedKit
import Sodium
import Codecs
import LightningTypes
import BlobStorage

extension CasaBackupd {
    struct Enroll: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "enroll",
            abstract: "Create the vault account and register this device (asks for the 24 words once).",
            discussion: "The words are used in memory to sign two requests and forgotten. A set of words that does not belong to this lnd is refused. The device key is written 0600.")

        @OptionGroup var options: ConfigOptions
        @Option(name: .customLong("words-file"), help: "Read the 24 words from this file (for scripts) instead of the terminal.")
        var wordsFile: String?
        @Option(name: .customLong("passphrase-file"), help: "The aezeed passphrase, if one was set, from this file.")
        var passphraseFile: String?
        @Option(name: .customLong("invite-file"), help: "The vault operator's invite token, from this file (for a vault that opens accounts by invitation).")
        var inviteFile: String?

        func run() async throws {
            do {
                let configuration = try options.resolve()
                guard let network = BitcoinNetwork(rawValue: configuration.network) else {
                    throw AgentError.configuration("unknown network \(configuration.network)")
                }
                let invite = try inviteFile.map(Self.readInvite)
                // The same prompting as casa-recover's; a typo is named before the passphrase is asked.
                let (words, _, passphrase) = try SeedWordsInput(wordsFile: wordsFile, passphraseFile: passphraseFile).read { typed in
                    _ = try Mnemonic.enciphered(fromText: typed)
                }
                let enrollment = Enrollment(
                    lnd: try LiveWiring.lnd(configuration), vault: { try LiveWiring.enrollmentVault(configuration, account: $0, invite: invite) }, network: network,
                    deviceKeyPath: configuration.deviceKeyPath)
                let result = try await enrollment.enroll(words: words, passphrase: passphrase)
                try FileManager.default.createDirectory(atPath: configuration.stateDirectory, withIntermediateDirectories: true)
                try Data(result.account.hex.utf8).write(to: URL(fileURLWithPath: configuration.accountPath))
                try EnrolledNode(stateDirectory: configuration.stateDirectory).record(result.nodeIdentity)
                print("enrolled: account \(result.account.hex), device key \(Hex.encode(result.devicePublicKey))\(result.createdDeviceKey ? " (new)" : "")")
            } catch {
                throw fail(error)
            }
        }

        /// The token's first line, without surrounding white space (never taken from argv).
        static func readInvite(_ path: String) throws -> String {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw AgentError.configuration("cannot read the invite file \(path)")
            }
            let token = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init)?
                .trimmingCharacters(in: .whitespaces) ?? ""
            guard !token.isEmpty, token.utf8.allSatisfy({ (0x21...0x7e).contains($0) }) else {
                throw AgentError.configuration("\(path) holds no invite token (one line of printable characters, as the vault's operator gave it)")
            }
            return token
        }
    }
}
