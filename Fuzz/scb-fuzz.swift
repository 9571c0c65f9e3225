// libFuzzer harness for lnd's static channel backups (Multi and Single): plaintext decoding and
// the encrypted-blob path of LNDBackupCrypto under fixed keys. Run with scripts/fuzz scb.
// Every malformed input must end in a typed error (ChannelBackupError or LNDBackupCryptoError).
import BackupCore
import Sodium

/// lnd's SCB keys of vectors A and B (Tests/Vectors/scb/README.md).
private let keys = [
    "3511033a9808c4d75acbb2478b56cf7f4d20046f42499fe384ec17c62bce41b6",
    "3170ad326b3da5c4d5d83ef85d23025de26352f110b546103fa5113657f71119",
].map { try! SecureBytes(copying: hexBytes($0)) }
private let fixedNonce = [UInt8](repeating: 0x07, count: LNDBackupCrypto.nonceByteCount)

private func expectTypedError(_ body: () throws -> Void) {
    do { try body() } catch is ChannelBackupError {} catch is LNDBackupCryptoError {} catch {
        fatalError("untyped error \(error)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let input = FuzzInput(data, size) else { return 0 }
    switch input.selector % 4 {
    case 0:
        // Plaintext: Multi first, then Single (what `casa-recover inspect` does), and the checker.
        expectTypedError {
            if case .multi(let multi) = try ChannelBackupFile(plaintext: input.bytes) {
                // Whatever decodes must re-encode to bytes that decode again.
                _ = try MultiBackup(decoding: multi.encoded())
            }
        }
        expectTypedError { _ = try MultiBackup.check(input.bytes) }
    case 1:
        // An encrypted blob as read from disk or the vault; vector seeds decrypt under key A or B.
        for key in keys {
            expectTypedError {
                let plaintext = try LNDBackupCrypto.decrypt(blob: input.bytes, key: key)
                writeDerivedSeed("scb", selector: 0, plaintext)
                writeDerivedSeed("scb", selector: 2, plaintext)
                writeDerivedSeed("scb", selector: 3, plaintext)
                _ = try ChannelBackupFile.open(blob: input.bytes, key: key)
            }
        }
    case 2:
        // A plaintext sealed under key A, then opened: the whole decrypt-and-decode path.
        expectTypedError {
            let blob = try LNDBackupCrypto.encrypt(plaintext: input.bytes, key: keys[0], nonce: fixedNonce)
            _ = try ChannelBackupFile.open(blob: blob, key: keys[0], kind: .multi)
        }
        expectTypedError {
            let blob = try LNDBackupCrypto.encrypt(plaintext: input.bytes, key: keys[0], nonce: fixedNonce)
            _ = try LNDBackupCrypto.openSingle(blob: blob, key: keys[0])
        }
    default:
        expectTypedError { _ = try MultiBackup.channelCount(checking: input.bytes) }
        expectTypedError { _ = try SingleBackup(decoding: input.bytes) }
    }
    return 0
}
