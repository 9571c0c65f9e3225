import BackupCore
import Foundation
import Sodium
import Testing
import TestSupport
import BlobStorage

/// The CPU phases of the agent's event → durable path (benchmarks/RESULTS.md "Event to durable and snapshot cost"), on
/// the pure core so that a release build is cheap (`CASA_CORE_ONLY=1 swift test -c release`):
/// open lnd's Multi, parse it, hash it, seal it in our envelope, hash the sealed bytes. lnd's
/// real anchors Multi (vector A), its Single repeated to 1, 100 and 1,000 channels. A
/// measurement, not a test of timing: it runs only when CASA_LOCAL_STORE_BENCH is set and
/// asserts only that every Multi opens to the channels it was made of.
@Suite struct MultiPhaseBenchmarkTests {
    static let enabled = ProcessInfo.processInfo.environment["CASA_LOCAL_STORE_BENCH"] != nil
    static let rounds = Int(ProcessInfo.processInfo.environment["CASA_LOCAL_STORE_BENCH_ROUNDS"] ?? "") ?? 200

    @Test(.enabled(if: enabled)) func phasesOfOneEvent() throws {
        let vector = try VectorFile.load("scb", "anchors-multi.vector")
        let lndKey = try vector.secret("key")
        let single = try #require(try LNDBackupCrypto.openMulti(blob: vector.body, key: lndKey).singles.first)
        let keys = try BackupKeys(root: BackupRoot(sharedKey: SecureBytes.random(count: 32)))
        let account = AccountID(ownerPublicKey: Random.bytes(32))
        for channels in [1, 100, 1000] {
            let event = try LNDBackupCrypto.seal(MultiBackup(singles: Array(repeating: single, count: channels)), key: lndKey)
            var phases = PhaseSamples()
            for round in 0..<Self.rounds {
                let plaintext = try phases.time("open") { try LNDBackupCrypto.decrypt(blob: event, key: lndKey) }
                let multi = try phases.time("parse") { try MultiBackup(decoding: plaintext) }
                #expect(multi.singles.count == channels)
                #expect(try phases.time("check") { try MultiBackup.channelCount(checking: plaintext) } == channels)
                _ = phases.time("hash the Multi") { SHA256.hash(plaintext) }
                let payload = EnvelopePayload(kind: .lndMultiChannelBackup, createdAt: 0, bytes: event)
                let sealed = try phases.time("seal") {
                    try Envelope.seal(payload, counter: UInt64(round + 1), account: account, blob: keys.multiChannelBackupBlob, key: keys.envelope)
                }
                _ = phases.time("hash the sealed bytes") { SHA256.hash(sealed) }
            }
            let names = ["open", "check", "hash the Multi", "seal", "hash the sealed bytes"]
            let total = names.reduce(0) { $0 + phases.median($1) }
            print(String(format: "core phases: %4d channels, %7d-byte Multi: %@; sum %.3f ms (building the model instead: parse %.3f ms); %d rounds",
                         channels, event.count,
                         names.map { String(format: "%@ %.3f ms", $0, phases.median($0) * 1000) }.joined(separator: ", "),
                         total * 1000, phases.median("parse") * 1000, Self.rounds))
        }
    }
}
