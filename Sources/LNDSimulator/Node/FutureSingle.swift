import BackupCore

/// What a newer lnd writes (lnd added Single versions 5, 6 and 7 in three years): version 8, a
/// channel type casa does not know. Its body is the channel's real Single body followed by one
/// new field (one byte, as a future lnd appends fields), which holds the real version so that
/// lnd-sim, playing the newer lnd, can restore it. The close-tx flag is kept.
enum FutureSingle {
    static let version: UInt8 = 8

    static func encode(_ single: SingleBackup) throws -> UnknownSingle {
        var bytes = try single.encoded()
        let bodyLength = (Int(bytes[1]) << 8 | Int(bytes[2])) + 1
        bytes.append(bytes[0] & ~SingleBackupVersion.closeTxFlag)
        bytes[0] = version | (bytes[0] & SingleBackupVersion.closeTxFlag)
        bytes[1] = UInt8(bodyLength >> 8)
        bytes[2] = UInt8(bodyLength & 0xff)
        return try UnknownSingle(encoded: bytes)
    }

    /// The Single a v8 entry stands for; any other unknown version is refused with lnd's words
    /// (chanbackup/single.go Deserialize).
    static func decode(_ unknown: UnknownSingle) throws(RPCError) -> SingleBackup {
        guard unknown.version == version, unknown.bytes.count > 3 else {
            throw .unknown("unable to de-serialize w/ unknown version: \(unknown.version)")
        }
        var bytes = unknown.bytes
        let original = bytes.removeLast()
        let bodyLength = (Int(bytes[1]) << 8 | Int(bytes[2])) - 1
        bytes[0] = original | (bytes[0] & SingleBackupVersion.closeTxFlag)
        bytes[1] = UInt8(bodyLength >> 8)
        bytes[2] = UInt8(bodyLength & 0xff)
        do { return try SingleBackup(decoding: bytes) } catch {
            throw .unknown("unable to de-serialize single of version \(version): \(error)")
        }
    }
}
