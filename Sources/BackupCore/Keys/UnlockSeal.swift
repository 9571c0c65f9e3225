public import Sodium

/// The sealed wallet password of sealed auto-unlock (docs/design.md §6): opening it needs the
/// local share (in the local file, root-only 0600) and the vault share (released by the vault
/// only to this device, while not revoked and within the heartbeat window).
public enum UnlockSeal {
    public static let shareByteCount = 32
    public static let maximumPasswordByteCount = 4096
    static let magic: [UInt8] = Array("CASU".utf8)
    static let version: UInt8 = 1
    static let headerByteCount = 64
    static let recordBlock = 64
    static let label = Array("casa-backup/unlock/v1".utf8)

    /// The result of sealing: write `localFile` to a root-only 0600 file, send `vaultShare` to
    /// the vault's slot for this device, then drop both.
    public struct Sealed: Sendable {
        public let localFile: SecureBytes
        public let vaultShare: SecureBytes
    }

    /// Seals `password` under two fresh random shares. Call it only after UnlockWallet succeeded
    /// with this password.
    public static func seal(password: SecureBytes) throws -> Sealed {
        try seal(password: password, localShare: .random(count: shareByteCount), vaultShare: .random(count: shareByteCount),
                 nonce: Random.bytes(XChaCha20Poly1305.nonceByteCount))
    }

    /// Deterministic sealing for test vectors only.
    static func seal(password: SecureBytes, localShare: SecureBytes, vaultShare: SecureBytes, nonce: [UInt8]) throws -> Sealed {
        guard password.count >= 1 && password.count <= maximumPasswordByteCount else {
            throw UnlockSealError.invalidPasswordLength(password.count)
        }
        let key = try sealKey(localShare: localShare, vaultShare: vaultShare)
        var header = magic + [version, 0, 0, 0] + localShare.unsafeCopy() + nonce
        defer { SecureBytes.zero(&header) }
        var record = paddedRecord(password)
        defer { SecureBytes.zero(&record) }
        var file = header + (try XChaCha20Poly1305.seal(record, associatedData: header, nonce: nonce, key: key))
        defer { SecureBytes.zero(&file) }
        return Sealed(localFile: try SecureBytes(copying: file), vaultShare: vaultShare)
    }

    /// Opens the local file with the share the vault released; returns the wallet password.
    /// Zero nothing yourself: the password is in secure memory; drop it after UnlockWallet.
    public static func unseal(localFile: SecureBytes, vaultShare: SecureBytes) throws -> SecureBytes {
        var file = localFile.unsafeCopy()
        defer { SecureBytes.zero(&file) }
        guard BinaryFields.startsWithMagic(file, magic) else { throw UnlockSealError.badMagic }
        guard file.count >= headerByteCount else { throw UnlockSealError.truncated(byteCount: file.count) }
        guard file[4] == version else { throw UnlockSealError.unknownVersion(file[4]) }
        guard file[5..<8].allSatisfy({ $0 == 0 }) else { throw UnlockSealError.badHeader }
        let sealedCount = file.count - headerByteCount - XChaCha20Poly1305.tagByteCount
        guard sealedCount >= recordBlock, sealedCount % recordBlock == 0 else { throw UnlockSealError.truncated(byteCount: file.count) }
        var header = Array(file[0..<headerByteCount])
        defer { SecureBytes.zero(&header) }
        let key = try sealKey(localShare: try SecureBytes(copying: file[8..<40]), vaultShare: vaultShare)
        var record: [UInt8]
        do {
            record = try XChaCha20Poly1305.open(Array(file[headerByteCount...]), associatedData: header,
                                                nonce: Array(file[40..<64]), key: key)
        } catch SodiumError.authenticationFailed {
            throw UnlockSealError.wrongVaultShare
        }
        defer { SecureBytes.zero(&record) }
        let length = Int(record[0]) << 8 | Int(record[1])
        guard length >= 1, length <= record.count - 2, record[(2 + length)...].allSatisfy({ $0 == 0 }) else {
            throw UnlockSealError.badRecord
        }
        return try SecureBytes(copying: record[2..<(2 + length)])
    }

    /// K = BLAKE2b-256(key = L ‖ V, "casa-backup/unlock/v1").
    static func sealKey(localShare: SecureBytes, vaultShare: SecureBytes) throws -> SecureBytes {
        for share in [localShare, vaultShare] where share.count != shareByteCount {
            throw UnlockSealError.invalidShareLength(share.count)
        }
        let both = try SecureBytes(count: 2 * shareByteCount) { out in
            localShare.withUnsafeBytes { out.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: shareByteCount) }
            vaultShare.withUnsafeBytes { (out.baseAddress! + shareByteCount).copyMemory(from: $0.baseAddress!, byteCount: shareByteCount) }
        }
        return try BLAKE2b.keyedSecret(label, key: both, outputByteCount: 32)
    }

    /// u16 length ‖ password ‖ zeros, to a multiple of 64 bytes (built in place: no stray copies).
    static func paddedRecord(_ password: SecureBytes) -> [UInt8] {
        let count = password.count
        let padded = (2 + count + recordBlock - 1) / recordBlock * recordBlock
        var record = [UInt8](repeating: 0, count: padded)
        record[0] = UInt8(count >> 8)
        record[1] = UInt8(count & 0xff)
        password.withUnsafeBytes { source in
            for index in 0..<count { record[2 + index] = source[index] }
        }
        return record
    }
}
