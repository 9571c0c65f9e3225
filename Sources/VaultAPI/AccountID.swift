import BlobStorage
import Codecs

/// An account is named by a hash commitment to its owner's Ed25519 public key:
///
///     account id = lowercase hex( SHA-256( "casa-vault/account/v1" || owner public key ) )
///
/// The server checks the commitment when the owner creates the account, so nobody can squat
/// another owner's id, and the id reveals nothing linkable to the Lightning node.
/// Pure: the caller hashes `preimage(ownerKey:)` with `Sodium.SHA256`.
public struct AccountID: Hashable, Sendable, CustomStringConvertible, Comparable {
    public static let domain = "casa-vault/account/v1"
    public static let hexLength = 64

    public let hex: String

    /// Validates 64 hex digits; lowercases.
    public init?(hex: String) {
        guard hex.utf8.count == Self.hexLength, Hex.decode(hex) != nil else { return nil }
        self.hex = hex.lowercased()
    }

    /// From the SHA-256 of `preimage(ownerKey:)`.
    public init?(hash: [UInt8]) {
        guard hash.count == 32 else { return nil }
        self.hex = Hex.encode(hash)
    }

    public static func preimage(ownerKey: [UInt8]) -> [UInt8] {
        Array(domain.utf8) + ownerKey
    }

    public var description: String { hex }

    public static func < (lhs: AccountID, rhs: AccountID) -> Bool { lhs.hex < rhs.hex }
}
