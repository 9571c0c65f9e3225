import BackupCore
import CommandLineSupport
import Foundation
import Recovery
import SeedKit
import Sodium
import Testing
import TestSupport
import LightningTypes

/// H2: a channel whose Single version casa does not know is handed to lnd byte for byte (only
/// sealed with lnd's key, as every Single sent to lnd is) and shows up in restore's summary.
@Suite struct UnknownSingleRestoreTests {
    @Test func handedToLndUntouched() async throws {
        let fixtures = try SnapshotFixtures()
        let vault = try await fixtures.vault(counters: [1])
        var snapshot = try await SnapshotLoader.load(seed: fixtures.seed, network: nil, location: .vault { vault.connect($0) }).pick(.newest)
        // The snapshot's channel as a newer lnd would write it: version 8, one more body byte.
        let known = try #require(snapshot.inspection.channels.first)
        var bytes = try known.encoded()
        let length = (Int(bytes[1]) << 8 | Int(bytes[2])) + 1
        bytes[0] = 8 | (bytes[0] & 0x80)
        bytes[1] = UInt8(length >> 8)
        bytes[2] = UInt8(length & 0xff)
        bytes.append(0x2a)
        let unknown = try UnknownSingle(encoded: bytes)
        snapshot.inspection.channels = []
        snapshot.inspection.unknownSingles = [unknown]

        let node = snapshot.keys.nodePublicKey
        let lnd = FakeRecoveryLND(state: .serverActive, identity: node)
        let stateFile = RestoreStateFile(path: fixtures.files.dir.path + "/restore-state.json")
        let restorer = ChannelRestorer(lnd: lnd, escalation: nil, stateFile: stateFile,
                                       schedule: RestoreSchedule(reconnectPauses: [], escalateAfterAttempts: 3), sleep: { _ in })
        let words = try Mnemonic.text(fromEnciphered: Mnemonic.enciphered(fromText: SecretSource.file(fixtures.files.wordsA).read()))
        let secrets = RestoreSecrets(mnemonic: words, passphrase: try SecureBytes(copying: Array("El Psy Kongroo".utf8)),
                                     walletPassword: { _ in try SecureBytes(copying: Array("correct horse battery".utf8)) })
        let report = try await restorer.run(snapshot, secrets: secrets)

        let sent = try #require(lnd.restoreCalls.first?.first)
        let point = known.fundingOutpoint.description
        #expect(sent.channelPoint == point)
        let key = try snapshot.keys.keyRing.staticChannelBackupKey()
        #expect(try LNDBackupCrypto.decrypt(blob: sent.single, key: key) == bytes)
        #expect(report.restoredNow == 1)
        let row = try #require(report.channels.first { $0.channelPoint == point })
        #expect(row.reason.hasPrefix("unknown channel type v8, handed to lnd untouched"))
        #expect(row.capacitySat == known.capacity)
        #expect(row.remotePubkey == known.remoteNodePublicKey.hex)
    }
}
