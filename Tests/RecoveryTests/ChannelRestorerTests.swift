import BackupCore
import CommandLineSupport
import Foundation
import Recovery
import Secp256k1
import SeedKit
import Sodium
import Testing
import TestSupport
import LightningTypes

/// Restore against an in-memory lnd: wallet creation, identity checks, skipping, follow-through,
/// escalation and resuming from the state file.
@Suite struct ChannelRestorerTests {
    let fixtures: SnapshotFixtures
    let snapshot: OpenedSnapshot
    let peer = "025fafc78a1051be4076433dc0b36db9f69ae5b0041e58cfaa16478d4bacb8e442"
    let point = "b693017b60d52190b40eaedca9570fc04ee217f66dbbfd4311af799c5774d681:0"
    let stateFile: RestoreStateFile

    init() async throws {
        fixtures = try SnapshotFixtures()
        let vault = try await fixtures.vault(counters: [1])
        snapshot = try await SnapshotLoader.load(seed: fixtures.seed, network: nil, location: .vault { vault.connect($0) }).pick(.newest)
        stateFile = RestoreStateFile(path: fixtures.files.dir.path + "/restore-state.json")
    }

    var node: String { snapshot.keys.nodePublicKey }

    func secrets(password: String = "correct horse battery") throws -> RestoreSecrets {
        let words = try Mnemonic.text(fromEnciphered: Mnemonic.enciphered(fromText: SecretSource.file(fixtures.files.wordsA).read()))
        return RestoreSecrets(mnemonic: words, passphrase: try SecureBytes(copying: Array("El Psy Kongroo".utf8)),
                              walletPassword: { _ in try SecureBytes(copying: Array(password.utf8)) })
    }

    func restorer(_ lnd: FakeRecoveryLND, escalation: (any ForceCloseEscalation)? = nil,
                  schedule: RestoreSchedule = RestoreSchedule(reconnectPauses: [.seconds(1), .seconds(1)], escalateAfterAttempts: 3)) -> ChannelRestorer {
        ChannelRestorer(lnd: lnd, escalation: escalation, stateFile: stateFile, schedule: schedule, sleep: { _ in })
    }

    @Test func freshLndGetsTheWalletAndTheMovedPeerIsFoundInTheGraph() async throws {
        let lnd = FakeRecoveryLND(state: .nonExisting, identity: node)
        // The backup says 127.0.0.1:10541; the peer moved and only the graph knows where.
        lnd.graph[peer] = ["10.0.0.7:9735"]
        lnd.reachable[peer] = ["10.0.0.7:9735"]
        let report = try await restorer(lnd).run(snapshot, secrets: try secrets(), recoveryWindow: 3000)

        #expect(lnd.initCalls.count == 1)
        #expect(lnd.initCalls.first?.mnemonic.count == 24)
        #expect(lnd.initCalls.first?.window == 3000)
        #expect(lnd.initCalls.first?.password == Array("correct horse battery".utf8))
        // One Single per call, encrypted with lnd's SCB key from the words.
        let single = try #require(lnd.restoreCalls.first?.first)
        #expect(single.channelPoint == point)
        let opened = try LNDBackupCrypto.openSingle(blob: single.single, key: try snapshot.keys.keyRing.staticChannelBackupKey())
        #expect(opened == snapshot.inspection.channels.first)
        #expect(lnd.connectCalls.first.map { $0.1 } == "10.0.0.7:9735")

        #expect(report.walletCreated)
        #expect(report.restoredNow == 1)
        // The peer is connected and closed, but lnd shows nothing before 3 blocks (D3): not proven.
        #expect(!report.complete)
        #expect(report.channels.map(\.status) == [.peerConnected])
        #expect(report.channels.first?.closingTxid == nil)

        lnd.mine(2)
        #expect(try await restorer(lnd).run(snapshot, secrets: try secrets()).channels.map(\.status) == [.peerConnected])
        lnd.mine(1)
        let proven = try await restorer(lnd).run(snapshot, secrets: try secrets())
        #expect(proven.complete)
        #expect(proven.channels.map(\.status) == [.confirmed])
        #expect(proven.channels.first?.closingTxid == String(repeating: "c", count: 64))
        lnd.mine(1)
        #expect(try await restorer(lnd).run(snapshot, secrets: try secrets()).channels.map(\.status) == [.closed])
        #expect(lnd.restoreCalls.count == 1 && lnd.initCalls.count == 1)

        let mode = (try FileManager.default.attributesOfItem(atPath: stateFile.path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        #expect(try stateFile.load()?.channels[point]?.restored == true)
    }

    @Test func anExistingWalletOfAnotherNodeIsNeverTouched() async throws {
        let lnd = FakeRecoveryLND(state: .serverActive, identity: "02" + String(repeating: "11", count: 32))
        await #expect {
            _ = try await restorer(lnd).run(snapshot, secrets: try secrets())
        } throws: { error in
            (error as? RecoveryError)?.exitStatus == .wrongNode
        }
        #expect(lnd.initCalls.isEmpty && lnd.restoreCalls.isEmpty && lnd.connectCalls.isEmpty)
    }

    @Test func aLockedWalletIsUnlockedAndAChannelLndHasIsLeftAlone() async throws {
        let lnd = FakeRecoveryLND(state: .locked, identity: node)
        lnd.channelList = [LNDChannel(channelPoint: point, remotePubkey: peer, state: .open, active: true)]
        let report = try await restorer(lnd).run(snapshot, secrets: try secrets())
        #expect(lnd.unlockCalls == 1)
        #expect(lnd.restoreCalls.isEmpty)
        #expect(report.channels.map(\.status) == [.alreadyPresent])
        #expect(report.complete)
    }

    @Test func anOfflinePeerIsRetriedThenEscalatedAndTheRunResumes() async throws {
        let lnd = FakeRecoveryLND(state: .serverActive, identity: node)
        let escalation = RecordingEscalation(answer: EscalationResult(requested: false, outcome: "unreachable", advice: "check the address"))
        let first = try await restorer(lnd, escalation: escalation).run(snapshot, secrets: try secrets())
        #expect(first.channels.map(\.status) == [.waitingForPeer])
        #expect(!first.complete)
        #expect(lnd.connectCalls.count == 3)
        #expect(escalation.calls.count == 1)
        #expect(first.channels.first?.reason.contains("unreachable") == true)

        // Later the peer is back at its old address: the re-run does not restore again, it reconnects.
        lnd.reachable[peer] = ["127.0.0.1:10541"]
        let second = try await restorer(lnd, escalation: escalation).run(snapshot, secrets: try secrets())
        #expect(lnd.restoreCalls.count == 1)
        #expect(second.restoredNow == 0)
        #expect(second.channels.map(\.status) == [.peerConnected])
        #expect(!second.complete)
        #expect(try stateFile.load()?.channels[point]?.connectAttempts == 4)
    }

    @Test func withoutTheTriggerAStuckChannelSaysWhatToRun() async throws {
        let lnd = FakeRecoveryLND(state: .serverActive, identity: node)
        let report = try await restorer(lnd).run(snapshot, secrets: try secrets())
        #expect(report.channels.first?.status == .waitingForPeer)
        #expect(report.channels.first?.nextStep.contains("opt in to `--escalate`") == true)
    }

    @Test func lndRefusingARestoreIsAFailedChannelWithTheReason() async throws {
        let lnd = FakeRecoveryLND(state: .serverActive, identity: node)
        lnd.refuseRestore = "server is still in the process of starting"
        let report = try await restorer(lnd).run(snapshot, secrets: try secrets())
        #expect(report.channels.first?.status == .stuck)
        #expect(report.channels.first?.reason.contains("still in the process of starting") == true)
        #expect(!report.complete)
    }

    @Test func aStateFileOfAnotherNodeIsRefused() async throws {
        try stateFile.save(RestoreState(nodePubkey: "02" + String(repeating: "22", count: 32), snapshotCounter: 1))
        let lnd = FakeRecoveryLND(state: .nonExisting, identity: node)
        await #expect(throws: RecoveryError.self) {
            _ = try await restorer(lnd).run(snapshot, secrets: try secrets())
        }
        #expect(lnd.initCalls.isEmpty)
    }

    /// D8: a limit the user set stops the wait with exit 75, the progress kept; the re-run
    /// (lnd now synced) does not create the wallet again and restores.
    @Test func aWaitLimitTheUserSetStopsWithTheStateKept() async throws {
        let lnd = FakeRecoveryLND(state: .nonExisting, identity: node)
        lnd.syncPolls = 1_000
        let lines = ProgressLines()
        let limited = ChannelRestorer(lnd: lnd, escalation: nil, stateFile: stateFile,
                                      schedule: RestoreSchedule(serverWaitLimit: .seconds(60), serverProgressEvery: .seconds(30)),
                                      sleep: { _ in }, progress: { lines.append($0) })
        await #expect {
            _ = try await limited.run(snapshot, secrets: try secrets())
        } throws: { error in
            (error as? RecoveryError)?.exitStatus == .incomplete && "\(error)".contains("run the same command again")
        }
        #expect(lnd.restoreCalls.isEmpty)
        #expect(try stateFile.load()?.walletCreated == true)
        let waiting = lines.lines.filter { $0.hasPrefix("waiting for lnd: ") }
        #expect(waiting.contains { $0.contains("still syncing with the chain (the chain is at block 812345)") })
        // Said when it changes, then again every 30 s of waiting (pauses back off to 5 s).
        #expect(waiting.map { $0.components(separatedBy: "(").last ?? "" }
                == ["waiting for lnd: lnd is opening its wallet and databases", "under a second so far)", "31 s so far)", "61 s so far)"])

        lnd.syncPolls = 0
        let report = try await restorer(lnd).run(snapshot, secrets: try secrets())
        #expect(lnd.initCalls.count == 1)
        #expect(report.restoredNow == 1)
    }

    /// D8: without a limit, restore waits as long as lnd syncs (the old code gave up after 360
    /// polls, about 30 minutes).
    @Test func withoutALimitRestoreWaitsAsLongAsLndSyncs() async throws {
        let lnd = FakeRecoveryLND(state: .nonExisting, identity: node)
        lnd.syncPolls = 2_000
        let report = try await restorer(lnd).run(snapshot, secrets: try secrets())
        #expect(lnd.restoreCalls.count == 1)
        #expect(report.restoredNow == 1)
        #expect(lnd.statePolls > 2_000)
    }
}

extension ChannelRestorerTests {
    /// A crash after lnd took the backup but before the state file said so: the re-run sees lnd's
    /// restored shell and follows it through instead of calling it "already present".
    @Test func aShellFromAnInterruptedRunIsFollowedThrough() async throws {
        let lnd = FakeRecoveryLND(state: .serverActive, identity: node)
        lnd.channelList = [LNDChannel(channelPoint: point, remotePubkey: peer, state: .waitingClose, restoredFromBackup: true)]
        lnd.reachable[peer] = ["127.0.0.1:10541"]
        let report = try await restorer(lnd).run(snapshot, secrets: try secrets())
        #expect(lnd.restoreCalls.isEmpty)
        #expect(report.channels.map(\.status) == [.peerConnected])
        #expect(lnd.connectCalls.map(\.1) == ["127.0.0.1:10541"])
    }
}

extension ChannelRestorerTests {
    /// 120 channels go to lnd in one batch; one without any address is kept out (it would abort
    /// lnd's loop), and a batch lnd refuses because of one channel is halved until that channel
    /// is alone.
    @Test func manyChannelsInBatchesWithOneBadApple() async throws {
        let multi = try fixtures.manyChannelBackup(count: 120, withoutAddress: [7])
        let folder = fixtures.files.dir.url.appendingPathComponent("many")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = LocalSnapshotFile(sequence: 1, createdAtMilliseconds: 0, channelCount: 120, multiHash: [UInt8](repeating: 0, count: 32),
                                     sealed: try fixtures.envelope(counter: 1, lndBackup: multi))
        try Data(file.encoded()).write(to: folder.appendingPathComponent(LocalSnapshotFile.fileName(sequence: 1)))
        let many = try await SnapshotLoader.load(seed: fixtures.seed, network: nil, location: .folder(folder.path)).pick(.newest)
        #expect(many.inspection.channels.count == 120)

        let points = many.inspection.channels.map(\.fundingOutpoint.description)
        let lnd = FakeRecoveryLND(state: .serverActive, identity: node)
        lnd.refusePoints = [points[60]]
        lnd.reachable[peer] = ["127.0.0.1:10541"]
        let report = try await restorer(lnd).run(many, secrets: try secrets())

        #expect(report.restoredNow == 118)
        let byStatus = Dictionary(grouping: report.channels, by: \.status)
        #expect(byStatus[.peerConnected]?.count == 118)
        #expect(byStatus[.stuck]?.map(\.channelPoint).sorted() == [points[7], points[60]].sorted())
        #expect(report.channels.first { $0.channelPoint == points[7] }?.reason.contains("no usable address") == true)
        // The 119 with an address in one call, refused; then halves: lnd accepts [0, 59); in
        // [59, 119) (59 holds points[60]) [59, 60) alone is refused, then [60, 62), [62, 66),
        // [66, 74), [74, 89) and [89, 119) go through.
        #expect(lnd.restoreCalls.map(\.count) == [59, 2, 4, 8, 15, 30])
        #expect(Set(lnd.restoreCalls.joined().map(\.channelPoint)).count == 118, "each channel sent once it went through")
    }
}

extension ChannelRestorerTests {
    /// H3: even with `--escalate`, a legacy (v0) channel is never asked directly (lnd needs the
    /// peer's commitment point, which the trigger throws away, to sweep it); the modern one is,
    /// and the report says what the peer answered.
    @Test func escalationNeverTouchesALegacyChannel() async throws {
        let key = try snapshot.keys.keyRing.staticChannelBackupKey()
        var legacy = try #require(snapshot.inspection.channels.first)
        legacy.version = .legacy
        legacy.closeTxInputs = nil
        legacy.leaseExpiry = nil
        legacy.fundingOutpoint = try ChannelPoint(txidInternal: SHA256.hash(Array("legacy".utf8)), outputIndex: 1)
        let modern = try #require(snapshot.inspection.channels.first)
        let folder = fixtures.files.dir.url.appendingPathComponent("legacy")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = LocalSnapshotFile(sequence: 1, createdAtMilliseconds: 0, channelCount: 2, multiHash: [UInt8](repeating: 0, count: 32),
                                     sealed: try fixtures.envelope(counter: 1, lndBackup: try LNDBackupCrypto.seal(MultiBackup(singles: [modern, legacy]), key: key)))
        try Data(file.encoded()).write(to: folder.appendingPathComponent(LocalSnapshotFile.fileName(sequence: 1)))
        let mixed = try await SnapshotLoader.load(seed: fixtures.seed, network: nil, location: .folder(folder.path)).pick(.newest)

        let lnd = FakeRecoveryLND(state: .serverActive, identity: node)
        let escalation = RecordingEscalation(answer: EscalationResult(requested: false, outcome: "unreachable", advice: "check the address"))
        let report = try await restorer(lnd, escalation: escalation).run(mixed, secrets: try secrets())

        let legacyPoint = legacy.fundingOutpoint.description
        #expect(escalation.calls.map(\.0) == [modern.fundingOutpoint.description])
        #expect(try stateFile.load()?.channels[legacyPoint]?.escalation == nil)
        #expect(Dictionary(uniqueKeysWithValues: report.channels.map { ($0.channelPoint, $0.status) })
                == [modern.fundingOutpoint.description: .waitingForPeer, legacyPoint: .waitingForPeer])
        let legacyRow = try #require(report.channels.first { $0.channelPoint == legacyPoint })
        #expect(legacyRow.reason.hasSuffix("; a legacy channel is never asked directly"))
        #expect(report.channels.first { $0.channelPoint != legacyPoint }?.reason.contains("direct request: the peer answered unreachable") == true)
        #expect(!report.complete)
    }
}

extension ChannelRestorerTests {
    /// D4/D5: a fresh lnd's graph is empty and lnd itself dials only the backup's first address,
    /// so restore calls ConnectPeer with every address it knows, --peer's first, and says which
    /// one reached the peer.
    @Test func everyAddressIsTriedAndTheSummarySaysWhichReachedThePeer() async throws {
        let lnd = FakeRecoveryLND(state: .serverActive, identity: node)
        lnd.graph[peer] = ["10.0.0.9:9735"]
        lnd.reachable[peer] = ["192.0.2.7:9735"]
        let given = RestorePeerAddresses(given: [peer: ["192.0.2.7:9735"]])
        let withPeer = ChannelRestorer(lnd: lnd, escalation: nil, stateFile: stateFile,
                                       schedule: RestoreSchedule(reconnectPauses: [.seconds(1)]),
                                       sleep: { _ in }, peerAddresses: given)
        let report = try await withPeer.run(snapshot, secrets: try secrets())
        #expect(lnd.connectCalls.map(\.1) == ["192.0.2.7:9735", "10.0.0.9:9735", "127.0.0.1:10541"])
        #expect(report.channels.map(\.status) == [.peerConnected])
        #expect(report.channels.first?.reachedVia == "192.0.2.7:9735 (from --peer)")
        #expect(report.channels.first?.reason.hasSuffix("; reached at 192.0.2.7:9735 (from --peer)") == true)
        #expect(try stateFile.load()?.channels[point]?.reachedVia == "192.0.2.7:9735 (from --peer)")

        // Moved again, only the graph knows now: another run reconnects there and says so.
        let lnd2 = FakeRecoveryLND(state: .serverActive, identity: node)
        lnd2.channelList = [LNDChannel(channelPoint: point, remotePubkey: peer, state: .waitingClose, restoredFromBackup: true)]
        lnd2.graph[peer] = ["10.0.0.9:9735"]
        lnd2.reachable[peer] = ["10.0.0.9:9735"]
        try FileManager.default.removeItem(atPath: stateFile.path)
        let again = try await restorer(lnd2).run(snapshot, secrets: try secrets())
        #expect(again.channels.first?.reachedVia == "10.0.0.9:9735 (from the graph)")
    }
}

extension ChannelRestorerTests {
    /// D1: the newest snapshot holds lnd's re-export of a restored channel (a legacy-format root
    /// that is no key of this wallet); restore hands lnd the channel's Single from the older
    /// snapshot instead, and says so. Without history it sends what it has and lnd decides.
    @Test func aReexportedShellIsRestoredWithTheOlderSnapshotsSingle() async throws {
        let key = try snapshot.keys.keyRing.staticChannelBackupKey()
        let original = try #require(snapshot.inspection.channels.first)
        var reexport = original
        reexport.shachainRoot = ShachainRoot(legacyPublicKey: try CompressedPublicKey(bytes: try PrivateKey.generate().publicKey.compressed),
                                             locator: KeyLocator(.revocationRoot, index: 0))
        let folder = fixtures.files.dir.url.appendingPathComponent("reexport")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (sequence, single) in [(UInt64(1), original), (2, reexport)] {
            let sealed = try fixtures.envelope(counter: sequence, createdAt: 1_764_000_000 + sequence * 60,
                                               lndBackup: try LNDBackupCrypto.seal(MultiBackup(singles: [single]), key: key))
            let file = LocalSnapshotFile(sequence: sequence, createdAtMilliseconds: 0, channelCount: 1, multiHash: [UInt8](repeating: 0, count: 32), sealed: sealed)
            try Data(file.encoded()).write(to: folder.appendingPathComponent(LocalSnapshotFile.fileName(sequence: sequence)))
        }
        let listing = try await SnapshotLoader.load(seed: fixtures.seed, network: nil, location: .folder(folder.path))
        let newest = try listing.pick(.newest)
        #expect(newest.inspection.channels.first?.shachainRoot == reexport.shachainRoot)

        let lnd = FakeRecoveryLND(state: .serverActive, identity: node)
        lnd.reachable[peer] = ["127.0.0.1:10541"]
        let report = try await restorer(lnd).run(newest, history: listing.usable, secrets: try secrets())
        let sent = try LNDBackupCrypto.openSingle(blob: try #require(lnd.restoreCalls.first?.first?.single), key: key)
        #expect(sent == original)
        #expect(report.channels.first?.singleFrom == SnapshotSummary(try #require(listing.usable.first { $0.counter == 1 })).source)
        #expect(report.channels.first?.reason.contains("the chosen snapshot's was lnd's re-export of a restored channel") == true)

        // No older snapshot: the re-export goes to lnd as it is.
        try FileManager.default.removeItem(atPath: stateFile.path)
        let alone = FakeRecoveryLND(state: .serverActive, identity: node)
        _ = try await restorer(alone).run(newest, secrets: try secrets())
        #expect(try LNDBackupCrypto.openSingle(blob: try #require(alone.restoreCalls.first?.first?.single), key: key) == reexport)
    }
}
