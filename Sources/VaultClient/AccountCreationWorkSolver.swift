import BlobStorage
import Sodium
public import VaultAPI

/// Finds the counter for a vault's proof of work (`AccountCreationWork`). Each bit doubles the
/// cost: 20 bits is 2^20, about a million SHA-256 hashes on average (not timed on a Pi).
public enum AccountCreationWorkSolver {
    /// More than this is not a cost a small box should pay to open an account.
    public static let maximumBits = 28

    /// The `Casa-Work` header value for `challenge` and `account`.
    public static func solve(challenge: String, account: AccountID, bits: Int) throws -> String {
        guard (0...maximumBits).contains(bits) else {
            throw BlobStoreError(.forbidden, "the vault asks a proof of work of \(bits) bits to open an account; this client does at most \(maximumBits): ask the vault's operator for an invite token instead")
        }
        var counter: UInt64 = 0
        while AccountCreationWork.leadingZeroBits(SHA256.hash(AccountCreationWork.message(challenge: challenge, account: account, counter: String(counter)))) < bits {
            counter += 1
        }
        return AccountCreationWork.header(challenge: challenge, counter: String(counter))
    }
}
