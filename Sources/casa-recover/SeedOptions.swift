import ArgumentParser
import Recovery

/// How the seed reaches us, shared by every subcommand that needs keys.
struct SeedOptions: ParsableArguments {
    @Option(name: .customLong("words-file"), help: "File with the 24 aezeed words, separated by any whitespace. Without it you are asked on the terminal.")
    var wordsFile: String?

    @Option(name: .customLong("passphrase-file"), help: "File with the aezeed passphrase (only if one was set when the wallet was created).")
    var passphraseFile: String?

    @Option(name: .customLong("rootkey-file"), help: "File with a BIP32 root key (xprv/tprv) instead of the words.")
    var rootKeyFile: String?

    func validate() throws {
        if rootKeyFile != nil && (wordsFile != nil || passphraseFile != nil) {
            throw ValidationError("give either --rootkey-file or --words-file/--passphrase-file, not both")
        }
    }

    var loader: SeedLoader {
        SeedLoader(wordsFile: wordsFile, passphraseFile: passphraseFile, rootKeyFile: rootKeyFile)
    }
}
