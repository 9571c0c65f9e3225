public import Secp256k1
import Sodium

/// Public "nothing up my sleeve" points given to lnd's DeriveSharedKey (docs/design.md §4.1).
///
/// `NUMS(label)`: x = SHA256(label); while x is not the x-coordinate of a curve point,
/// x = SHA256(x); the point with even y (0x02 ‖ x). Nobody knows its discrete logarithm,
/// so `k·P` can only be computed by the holder of `k`.
public enum DomainPoint {
    /// Label of the backup root's point.
    public static let backupRootLabel = "casa-backup/root/v1"

    /// `NUMS("casa-backup/root/v1")`, compressed: the `ephemeral_pubkey` the agent sends to
    /// lnd's DeriveSharedKey (docs/lnd.md §3.4 gives the same value).
    public static let backupRootCompressed: [UInt8] = [
        0x02, 0x89, 0x15, 0x74, 0xb2, 0x06, 0x54, 0xc2, 0xc3, 0x49, 0x2d, 0x1f, 0x2e, 0x4d, 0x2d, 0x88, 0x5e,
        0xd4, 0x1f, 0x9a, 0xc3, 0x6a, 0x80, 0x61, 0x6f, 0xec, 0xaa, 0x22, 0x39, 0x04, 0x34, 0x17, 0xb0,
    ]

    /// The backup root's point as a key.
    public static func backupRoot() throws -> PublicKey {
        try PublicKey(bytes: backupRootCompressed)
    }

    /// Iterations before giving up; each step succeeds with probability about 1/2.
    static let maximumIterations = 256

    /// The NUMS point for `label`. Other purposes (a future key rotation) use other labels.
    public static func nums(label: String) throws -> PublicKey {
        var x = SHA256.hash(Array(label.utf8))
        for _ in 0..<maximumIterations {
            if PublicKey.isXCoordinate(x) { return try PublicKey(bytes: [0x02] + x) }
            x = SHA256.hash(x)
        }
        throw BackupKeyError.noDomainPoint(label: label)
    }
}
