@testable import BackupCore
import Secp256k1
import Sodium
import Testing
import Codecs
import TestSupport

@Suite struct KeysBackupRootTests {
    /// The recovery path: node identity private key (vector A, m/1017'/1'/6'/0/0) → root.
    /// Expected value from docs/lnd.md §3.4 (an independent Python/coincurve computation).
    @Test func recoveryPathMatchesLndFactsWorkedExample() throws {
        let vector = try VectorFile.load("keys", "backup-root-vector-a.txt")
        let nodeKey = try PrivateKey(secret: vector.secret("node private key"))
        #expect(nodeKey.publicKey.compressed == (try vector.hexField("node public key")))
        #expect(Hex.encode(nodeKey.publicKey.compressed) == "03b755f6efcd3816a2de3360932b6e80801f11c9fe25c5c4453ca27d06d8b620ae")
        let root = try BackupRoot(nodeIdentityKey: nodeKey)
        #expect(Hex.encode(root.secret.unsafeCopy()) == "a63ce9a34466033adc32afe359a9b35235f38ff2d05f2db068b4cb2885a4bd60")
        #expect(root.secret.unsafeCopy() == (try vector.hexField("root")))
    }

    /// The agent path: lnd's DeriveSharedKey answer (32 bytes) gives the same root, so both
    /// paths derive the same keys.
    @Test func agentPathEqualsRecoveryPath() throws {
        let vector = try VectorFile.load("keys", "backup-root-vector-a.txt")
        let fromNodeKey = try BackupRoot(nodeIdentityKey: PrivateKey(secret: vector.secret("node private key")))
        // What lnd computes inside DeriveSharedKey: SHA256(compressed(k6·P)).
        let shared = try PrivateKey(secret: vector.secret("node private key")).sharedSecret(with: DomainPoint.backupRoot())
        let fromLND = try BackupRoot(sharedKey: shared)
        #expect(fromLND.matches(fromNodeKey))
        #expect(try fromLND.envelopeKey().keyID == fromNodeKey.envelopeKey().keyID)
        #expect(try fromLND.livenessKey().publicKey == fromNodeKey.livenessKey().publicKey)
    }

    @Test func rejectsSharedKeyOfWrongLength() throws {
        #expect(throws: BackupKeyError.invalidSharedKeyLength(33)) {
            try BackupRoot(sharedKey: SecureBytes(copying: [UInt8](repeating: 1, count: 33)))
        }
    }

    @Test func differentNodeKeysGiveDifferentRoots() throws {
        let a = try BackupRoot(nodeIdentityKey: PrivateKey.generate())
        let b = try BackupRoot(nodeIdentityKey: PrivateKey.generate())
        #expect(!a.matches(b))
    }
}
