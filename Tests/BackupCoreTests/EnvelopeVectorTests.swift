@testable import BackupCore
import Sodium
import Testing
import BlobStorage
import TestSupport

/// Every file in Tests/Vectors/envelope/ (docs/envelope.md §8), generated independently by
/// Tests/Vectors/tools/make_vectors.py.
@Suite struct EnvelopeVectorTests {
    static let files: [VectorFile] = (try? VectorFile.all(in: "envelope")) ?? []

    static let expectedErrors: [String: @Sendable (EnvelopeError) -> Bool] = [
        "bad magic": { $0 == .badMagic },
        "truncated": { if case .truncated = $0 { return true } else { return false } },
        "unknown version": { $0 == .unknownVersion(3) },
        "bad header": { $0 == .badHeader },
        "wrong key": { $0 == .wrongKey },
        "wrong binding": { $0 == .wrongBinding },
        "authentication failure": { $0 == .authenticationFailed },
        "bad record": { $0 == .badRecord },
        "bad padding": { $0 == .badPadding },
        "rollback": { if case .rollback = $0 { return true } else { return false } },
    ]

    @Test func everyExpectationIsCovered() {
        #expect(Self.files.count >= 20)
        let expects = Set(Self.files.compactMap { $0.fields["expect"] })
        #expect(expects == Set(Self.expectedErrors.keys).union(["success"]))
    }

    @Test(arguments: files)
    func vector(_ vector: VectorFile) throws {
        let key = try BackupRoot(sharedKey: vector.secret("root")).envelopeKey()
        let account = try #require(AccountID(hex: vector.field("account")))
        let blob = try BlobName(vector.field("blob"))
        let minimum = vector.fields["min counter"].flatMap(UInt64.init) ?? 0
        let expect = try vector.field("expect")
        if expect == "success" {
            let opened = try Envelope.open(vector.body, account: account, blob: blob, key: key, notOlderThan: minimum)
            #expect(opened.counter == (try vector.integer("counter")))
            #expect(opened.payload.kind.rawValue == UInt8(try vector.integer("kind")))
            #expect(opened.payload.createdAt == (try vector.integer("created at")))
            #expect(opened.payload.bytes == (try vector.hexField("payload")))
            #expect(opened.version == UInt8(vector.fields["version"].flatMap(Int.init) ?? 1))
            #expect(opened.payload.lineage?.writer.hex == vector.fields["writer"])
            let parent = vector.fields["parent"].map { $0 == String(repeating: "0", count: 16) ? nil : $0 } ?? nil
            #expect(opened.payload.lineage?.parent?.hex == parent)
            // Deterministic sealing with the vector's nonce reproduces the bytes exactly.
            let nonce = Array(vector.body[40..<64])
            let resealed = try Envelope.seal(opened.payload, counter: opened.counter, account: account, blob: blob, key: key, nonce: nonce)
            #expect(resealed == vector.body)
        } else {
            try vector.expectFailure(Self.expectedErrors) {
                _ = try Envelope.open(vector.body, account: account, blob: blob, key: key, notOlderThan: minimum)
            }
        }
    }
}
