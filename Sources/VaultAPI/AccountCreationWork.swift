import BlobStorage

/// The proof of work an account-creation gate of kind `pow` asks for (docs/vault-api.md "Opening
/// an account"): a decimal counter such that SHA-256 of `message` starts with `workBits` zero
/// bits. The message binds the work to one fresh challenge and one account. The vault checks it
/// (one hash), casa's client solves it; both build the message here.
public enum AccountCreationWork {
    /// The longest counter the vault accepts, in decimal digits.
    public static let maximumCounterDigits = 20

    public static func message(challenge: String, account: AccountID, counter: String) -> [UInt8] {
        Array("casa-vault-work/v1\n\(challenge.lowercased())\n\(account.hex)\n\(counter)".utf8)
    }

    /// Leading zero bits of a digest.
    public static func leadingZeroBits(_ digest: [UInt8]) -> Int {
        var bits = 0
        for byte in digest {
            guard byte == 0 else { return bits + byte.leadingZeroBitCount }
            bits += 8
        }
        return bits
    }

    /// `Casa-Work`'s value.
    public static func header(challenge: String, counter: String) -> String { challenge + ":" + counter }
}
