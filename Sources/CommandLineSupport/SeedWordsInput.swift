public import Sodium

/// How both CLIs ask for the 24 seed words and the aezeed passphrase: from files (scripts,
/// drills) or typed on the terminal without echo. Only the reading lives here; checking the
/// words (SeedKit) is the caller's `check`.
public struct SeedWordsInput: Sendable {
    public static let wordsPrompt = "Your 24 seed words (typing is hidden), then Enter: "
    public static let passphrasePrompt = "Aezeed passphrase (Enter if you never set one): "

    public var wordsFile: String?
    public var passphraseFile: String?

    public init(wordsFile: String?, passphraseFile: String?) {
        self.wordsFile = wordsFile
        self.passphraseFile = passphraseFile
    }

    /// Reads the words, runs `check` on them (so a typo is named before the passphrase is
    /// asked), then reads the passphrase. With a words file and no passphrase file the seed has
    /// no passphrase (scripts never prompt). An empty passphrase comes back as nil.
    public func read<Checked>(check: (SecureBytes) throws -> Checked) throws -> (words: SecureBytes, checked: Checked, passphrase: SecureBytes?) {
        let wordsSource: SecretSource = wordsFile.map { .file($0) } ?? .terminal(prompt: Self.wordsPrompt)
        let words = try wordsSource.read()
        let checked = try check(words)
        let passphraseSource: SecretSource? = passphraseFile.map { .file($0) }
            ?? (wordsFile == nil ? .terminal(prompt: Self.passphrasePrompt) : nil)
        let passphrase = try passphraseSource?.read()
        return (words, checked, (passphrase?.count ?? 0) == 0 ? nil : passphrase)
    }
}
