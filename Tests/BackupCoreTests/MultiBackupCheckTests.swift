import BackupCore
import Sodium
import Testing
import TestSupport

/// `MultiBackup.channelCount(checking:)` (what the agent runs on every Multi before storing it)
/// accepts exactly what `MultiBackup(decoding:)` accepts and fails with the same error.
@Suite struct MultiBackupCheckTests {
    /// Both answers for one input: the count, or the error.
    func bothAnswers(_ bytes: [UInt8]) -> (checked: Result<Int, ChannelBackupError>, decoded: Result<Int, ChannelBackupError>) {
        let checked = Result { () throws(ChannelBackupError) in try MultiBackup.channelCount(checking: bytes) }
        let decoded = Result { () throws(ChannelBackupError) in try MultiBackup(decoding: bytes).channelCount }
        return (checked, decoded)
    }

    @Test func everyVersionWithAndWithoutCloseTx() throws {
        var singles: [SingleBackup] = []
        for version in SingleBackupVersion.allCases {
            singles.append(try ChannelBackupFixtures.single(version, closeTx: false))
            singles.append(try ChannelBackupFixtures.single(version, closeTx: true))
        }
        singles.append(try ChannelBackupFixtures.single(.anchors, closeTx: true, addresses: []))
        let plaintext = try MultiBackup(singles: singles).encoded()
        #expect(try MultiBackup.channelCount(checking: plaintext) == singles.count)
        #expect(try MultiBackup.channelCount(checking: MultiBackup(singles: []).encoded()) == 0)
    }

    @Test func realMultisCount() throws {
        for name in ["anchors-multi.vector", "taproot-v5-v7-multi.vector"] {
            let vector = try VectorFile.load("scb", name)
            let plaintext = try LNDBackupCrypto.decrypt(blob: vector.body, key: vector.secret("key"))
            #expect(try MultiBackup.channelCount(checking: plaintext) == Int(try vector.field("channels")))
        }
    }

    @Test func everyTruncationFailsTheSameWay() throws {
        let plaintext = try ChannelBackupFixtures.vectorAPlaintext()
        for length in 0..<plaintext.count {
            let answers = bothAnswers(Array(plaintext.prefix(length)))
            guard case .failure(let error) = answers.checked else { Issue.record("length \(length) passed the check"); continue }
            #expect(answers.decoded == .failure(error), "length \(length)")
        }
    }

    /// Random byte flips (in headers, lengths, counts, the transaction) give the same answer.
    @Test func randomCorruptionGivesTheSameAnswer() throws {
        let plaintext = try MultiBackup(singles: SingleBackupVersion.allCases.map { try ChannelBackupFixtures.single($0, closeTx: true) }).encoded()
        var generator = SystemRandomNumberGenerator()
        var rejected = 0
        for _ in 0..<3000 {
            var corrupt = plaintext
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                corrupt[Int.random(in: 0..<corrupt.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            let answers = bothAnswers(corrupt)
            #expect(answers.checked == answers.decoded)
            if case .failure = answers.checked { rejected += 1 }
        }
        #expect(rejected > 0)
    }

    @Test func namedErrors() throws {
        let plaintext = try ChannelBackupFixtures.vectorAPlaintext()
        #expect(throws: ChannelBackupError.trailingBytes(count: 1, after: "the last channel of the multi backup")) {
            try MultiBackup.channelCount(checking: plaintext + [0])
        }
        var flipped = plaintext
        flipped[8] = 2
        #expect(throws: ChannelBackupError.invalidField(what: "initiator flag", reason: "byte 2 is neither 0 nor 1")) {
            try MultiBackup.channelCount(checking: flipped)
        }
        #expect(throws: ChannelBackupError.impossibleCount(declared: 1, available: 100, minimumEach: 371)) {
            try MultiBackup.channelCount(checking: Array(plaintext.prefix(105)))
        }
        let error = try #require(throws: ChannelBackupError.self) { try MultiBackup.channelCount(checking: Array(plaintext.prefix(500))) }
        guard case .truncated = error else { Issue.record("got \(error)"); return }
    }
}
