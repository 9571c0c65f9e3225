@testable import BackupCore
import Sodium
import Testing
import TestSupport

@Suite struct KeysUnlockSealTests {
    static let files: [VectorFile] = ((try? VectorFile.all(in: "keys")) ?? []).filter { $0.name.hasPrefix("unlock-") }

    static let expectedErrors: [String: @Sendable (UnlockSealError) -> Bool] = [
        "bad magic": { $0 == .badMagic },
        "truncated": { if case .truncated = $0 { return true } else { return false } },
        "unknown version": { $0 == .unknownVersion(2) },
        "wrong vault share": { $0 == .wrongVaultShare },
        "bad record": { $0 == .badRecord },
    ]

    /// H1: the original box whose shares a copy rotated learns what happened and what to do.
    @Test func aSealTheVaultShareDoesNotOpenNamesACopyAndTheRevocation() {
        let text = UnlockSealError.wrongVaultShare.description
        #expect(text.contains("a copy of this disk unlocked lnd elsewhere") && text.contains("casa-recover revoke-device"))
    }

    @Test func vectorsArePresent() {
        #expect(Self.files.count >= 9)
    }

    /// docs/design.md §6.1 against Tests/Vectors/keys/unlock-*.txt (generated independently in Python).
    @Test(arguments: files)
    func vector(_ vector: VectorFile) throws {
        let localFile = try SecureBytes(copying: vector.body)
        let vaultShare = try vector.secret("vault share")
        let expect = try vector.field("expect")
        if expect == "success" {
            let password = try UnlockSeal.unseal(localFile: localFile, vaultShare: vaultShare)
            #expect(password.unsafeCopy() == (try vector.hexField("password")))
            let resealed = try UnlockSeal.seal(
                password: password, localShare: SecureBytes(copying: vector.body[8..<40]), vaultShare: vaultShare,
                nonce: Array(vector.body[40..<64]))
            #expect(resealed.localFile.unsafeCopy() == vector.body)
        } else {
            try vector.expectFailure(Self.expectedErrors) {
                _ = try UnlockSeal.unseal(localFile: localFile, vaultShare: vaultShare)
            }
        }
    }

    @Test func roundTripNeedsBothShares() throws {
        let password = try SecureBytes(copying: Array("hunter22-but-longer".utf8))
        let sealed = try UnlockSeal.seal(password: password)
        #expect(sealed.localFile.count == 64 + 64 + 16)
        #expect(try UnlockSeal.unseal(localFile: sealed.localFile, vaultShare: sealed.vaultShare).constantTimeEquals(password))
        #expect(throws: UnlockSealError.wrongVaultShare) {
            try UnlockSeal.unseal(localFile: sealed.localFile, vaultShare: SecureBytes.random(count: 32))
        }
        // Sealing twice gives unrelated shares and files.
        let again = try UnlockSeal.seal(password: password)
        #expect(!again.vaultShare.constantTimeEquals(sealed.vaultShare))
        #expect(throws: UnlockSealError.wrongVaultShare) {
            try UnlockSeal.unseal(localFile: again.localFile, vaultShare: sealed.vaultShare)
        }
    }

    @Test func rejectsEmptyOrHugePasswordsAndBadShares() throws {
        #expect(throws: UnlockSealError.invalidPasswordLength(0)) { try UnlockSeal.seal(password: SecureBytes(copying: [])) }
        #expect(throws: UnlockSealError.invalidPasswordLength(4097)) {
            try UnlockSeal.seal(password: SecureBytes(copying: [UInt8](repeating: 0x41, count: 4097)))
        }
        let sealed = try UnlockSeal.seal(password: SecureBytes(copying: [0x41]))
        #expect(throws: UnlockSealError.invalidShareLength(31)) {
            try UnlockSeal.unseal(localFile: sealed.localFile, vaultShare: SecureBytes.random(count: 31))
        }
    }

    @Test func longestPasswordRoundTrips() throws {
        let password = try SecureBytes(copying: [UInt8](repeating: 0x7a, count: UnlockSeal.maximumPasswordByteCount))
        let sealed = try UnlockSeal.seal(password: password)
        #expect(try UnlockSeal.unseal(localFile: sealed.localFile, vaultShare: sealed.vaultShare).constantTimeEquals(password))
    }
}
