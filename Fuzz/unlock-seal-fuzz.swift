// libFuzzer harness for the unlock seal (sealed auto-unlock, docs/design.md §6): UnlockSeal.unseal
// with the vectors' vault share, and the record behind the AEAD. Run with scripts/fuzz unlock-seal.
// Every malformed input must end in an UnlockSealError.
@testable import BackupCore
import Sodium

/// The vault share of Tests/Vectors/keys/unlock-success.txt.
private let vaultShare = try! SecureBytes(copying: hexBytes("a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf"))
private let localShare = try! SecureBytes(copying: [UInt8](repeating: 0x11, count: UnlockSeal.shareByteCount))
private let nonce = [UInt8](repeating: 0x22, count: XChaCha20Poly1305.nonceByteCount)

private func expectUnlockSealError(_ body: () throws -> Void) {
    do { try body() } catch is UnlockSealError {} catch { fatalError("untyped error \(error)") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let input = FuzzInput(data, size) else { return 0 }
    if input.selector % 2 == 0 {
        // The local file as read from disk (a stolen or damaged disk can hold anything).
        guard let file = try? SecureBytes(copying: input.bytes) else { return 0 }
        expectUnlockSealError { _ = try UnlockSeal.unseal(localFile: file, vaultShare: vaultShare) }
    } else {
        // Any record sealed under the right key: the length and padding checks behind the AEAD.
        let header = UnlockSeal.magic + [UnlockSeal.version, 0, 0, 0] + localShare.unsafeCopy() + nonce
        guard let key = try? UnlockSeal.sealKey(localShare: localShare, vaultShare: vaultShare),
              let sealed = try? XChaCha20Poly1305.seal(input.bytes, associatedData: header, nonce: nonce, key: key) else { return 0 }
        guard let file = try? SecureBytes(copying: header + sealed) else { return 0 }
        expectUnlockSealError { _ = try UnlockSeal.unseal(localFile: file, vaultShare: vaultShare) }
    }
    return 0
}
