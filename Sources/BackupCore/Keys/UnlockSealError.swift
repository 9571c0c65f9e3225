/// Why the sealed wallet password could not be sealed or opened (docs/design.md §6.1).
public enum UnlockSealError: Error, Equatable, Sendable, CustomStringConvertible {
    case badMagic
    case truncated(byteCount: Int)
    case unknownVersion(UInt8)
    case badHeader
    /// The tag did not verify: this vault share does not belong to this seal, or the file changed.
    case wrongVaultShare
    case badRecord
    case invalidPasswordLength(Int)
    case invalidShareLength(Int)

    public var description: String {
        switch self {
        case .badMagic:
            return "the unlock file is not a casa unlock seal; run `casa-backupd unlock setup` again"
        case .truncated(let n):
            return "the unlock file is truncated or damaged (\(n) bytes); run `casa-backupd unlock setup` again"
        case .unknownVersion(let v):
            return "unlock seal version \(v) is not supported by this casa; upgrade casa"
        case .badHeader:
            return "the unlock file header is damaged; run `casa-backupd unlock setup` again"
        case .wrongVaultShare:
            return "the vault's unlock share does not open this seal: every unlock renews the shares, so either a copy of this disk unlocked lnd elsewhere since this box last did "
                + "(if that was not you, revoke this device with `casa-recover revoke-device` and enroll this box again), or this disk is a copy taken before the last unlock, "
                + "or setup ran elsewhere, or the file was modified; unlock lnd by hand and run `casa-backupd unlock setup`"
        case .badRecord:
            return "the sealed password record is malformed; run `casa-backupd unlock setup` again"
        case .invalidPasswordLength(let n):
            return "a wallet password must be 1 to \(UnlockSeal.maximumPasswordByteCount) bytes, got \(n)"
        case .invalidShareLength(let n):
            return "an unlock share must be 32 bytes, got \(n)"
        }
    }
}
