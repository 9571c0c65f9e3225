import BackupCore
import CommandLineSupport
import Recovery
import SeedKit
import Sodium
import Testing
import TestSupport
import LightningTypes

@Suite struct BackupInspectorTests {
    let fixtures: RecoveryFixtures

    init() throws {
        fixtures = try RecoveryFixtures()
    }

    func seedA() throws -> SeedMaterial {
        try SeedLoader(wordsFile: fixtures.wordsA, passphraseFile: fixtures.passphraseA).load()
    }

    @Test func vectorAFromWordsDecodesEveryListedField() throws {
        let blob = try BackupFile.read(path: fixtures.backupA)
        let inspection = try BackupInspector().inspect(blob: blob, kind: nil, seed: seedA(), network: .regtest)
        #expect(inspection.kind == .multi)
        #expect(inspection.network == .regtest)
        let c = try #require(inspection.summaries.first)
        #expect(inspection.channels.count == 1)
        #expect(c.channelPoint == "b693017b60d52190b40eaedca9570fc04ee217f66dbbfd4311af799c5774d681:0")
        #expect(c.capacitySat == 10_000_000)
        #expect(c.version == 3)
        #expect(c.hasCloseTx)
        #expect(c.shortChannelID == "443x1x0")
        #expect(c.addresses == ["127.0.0.1:10541"])
        #expect(c.initiator)
        #expect(c.leaseExpiry == nil)
        #expect(c.remotePubkey.hasPrefix("025fafc7") && c.remotePubkey.hasSuffix("e442"))
    }

    @Test func networkIsDetectedWhenNotGiven() throws {
        let blob = try BackupFile.read(path: fixtures.backupA)
        let inspection = try BackupInspector().inspect(blob: blob, kind: nil, seed: seedA(), network: nil)
        #expect(inspection.network == .regtest)
    }

    @Test func hexFileIsAccepted() throws {
        let raw = try BackupFile.read(path: fixtures.backupA)
        #expect(try BackupFile.read(path: fixtures.backupAHex) == raw)
    }

    @Test func wrongNetworkSaysWhichOneToUse() throws {
        let blob = try BackupFile.read(path: fixtures.backupA)
        let error = #expect(throws: RecoveryError.self) {
            try BackupInspector().inspect(blob: blob, kind: nil, seed: seedA(), network: .mainnet)
        }
        #expect(error?.description.contains("--network regtest") == true)
        #expect(error?.exitStatus == .notThisSeed)
    }

    @Test func vectorBFromRootKeyIsASingle() throws {
        let seed = try SeedLoader(rootKeyFile: fixtures.rootKeyB).load()
        let blob = try BackupFile.read(path: fixtures.backupB)
        let inspection = try BackupInspector().inspect(blob: blob, kind: nil, seed: seed, network: nil)
        #expect(inspection.kind == .single)
        let c = try #require(inspection.summaries.first)
        #expect(c.channelPoint == "85619671cb1987c80723ed457fd829f6444269a4d228ab580cd8f2176f1d4994:0")
        #expect(c.version == 6)
        #expect(c.capacitySat == 100_000)
        #expect(c.shortChannelID == "402x1x0")
        #expect(c.addresses == ["172.18.0.6:9735", "127.0.0.1:9636"])
        #expect(!c.initiator)
        #expect(c.remotePubkey == "0310150ae975211a226fc85160232e238bf072a071202e58ce5d0527cda5d7e4c9")
    }

    @Test func forcingTheWrongKindIsAClearError() throws {
        let seed = try SeedLoader(rootKeyFile: fixtures.rootKeyB).load()
        let blob = try BackupFile.read(path: fixtures.backupB)
        let error = #expect(throws: RecoveryError.self) {
            try BackupInspector().inspect(blob: blob, kind: .multi, seed: seed, network: .regtest)
        }
        #expect(error?.exitStatus == .badBackup)
    }

    @Test func backupOfAnotherSeedIsRejected() throws {
        // chantools' seed (docs/lnd.md §2.5): valid words, but not the node that made vector A.
        let other = try fixtures.words("abandon kangaroo tribe spell brass entry argue buzz muffin total rug title autumn wish use bubble alarm rent machine hockey fork slam gaze tobacco\n")
        let seed = try SeedLoader(wordsFile: other).load()
        let blob = try BackupFile.read(path: fixtures.backupA)
        let error = #expect(throws: RecoveryError.self) {
            try BackupInspector().inspect(blob: blob, kind: nil, seed: seed, network: .regtest)
        }
        #expect(error?.description.contains("this backup was not made by this seed") == true)
        #expect(error?.exitStatus == .notThisSeed)
    }

    @Test func truncatedOrCorruptFilesAreRejected() throws {
        let blob = try BackupFile.read(path: fixtures.backupA)
        #expect(throws: RecoveryError.self) {
            try BackupInspector().inspect(blob: Array(blob[0..<30]), kind: nil, seed: seedA(), network: .regtest)
        }
        var flipped = blob
        flipped[100] ^= 0x01
        let error = #expect(throws: RecoveryError.self) {
            try BackupInspector().inspect(blob: flipped, kind: nil, seed: seedA(), network: .regtest)
        }
        #expect(error?.description.contains("or the file is corrupt") == true)
    }

    /// A correctly encrypted plaintext that is cut short, or of an unknown Multi version, must be
    /// a "bad backup" (exit 65) and not be mistaken for a wrong seed.
    @Test func truncatedPlaintextAndUnknownVersionAreBadBackups() throws {
        let seed = try seedA()
        let key = try seed.keyRing(for: .regtest).staticChannelBackupKey()
        let plaintext = try LNDBackupCrypto.decrypt(blob: BackupFile.read(path: fixtures.backupA), key: key)
        let truncated = try LNDBackupCrypto.encrypt(plaintext: Array(plaintext.dropLast(10)), key: key)
        let e1 = #expect(throws: RecoveryError.self) {
            try BackupInspector().inspect(blob: truncated, kind: nil, seed: seed, network: .regtest)
        }
        #expect(e1?.exitStatus == .badBackup)
        var unknownMulti = plaintext
        unknownMulti[0] = 0x01
        let e2 = #expect(throws: RecoveryError.self) {
            try BackupInspector().inspect(blob: LNDBackupCrypto.encrypt(plaintext: unknownMulti, key: key), kind: .multi, seed: seed, network: .regtest)
        }
        #expect(e2?.exitStatus == .badBackup)
        #expect(e2?.description.contains("unknown multi-version 1") == true)
    }

    /// H2: a Single of a version this casa does not know (a newer lnd) does not make the
    /// snapshot unreadable: it is shown as such, with what its shared prefix tells.
    @Test func unknownSingleVersionIsShownNotRefused() throws {
        let seed = try seedA()
        let key = try seed.keyRing(for: .regtest).staticChannelBackupKey()
        let plaintext = try LNDBackupCrypto.decrypt(blob: BackupFile.read(path: fixtures.backupA), key: key)
        let original = try MultiBackup(decoding: plaintext).singles[0]
        var unknown = plaintext
        unknown[5] = 0x09 // the Single's version byte inside the Multi
        let inspection = try BackupInspector().inspect(blob: LNDBackupCrypto.encrypt(plaintext: unknown, key: key), kind: nil, seed: seed, network: .regtest)
        #expect(inspection.channels.isEmpty && inspection.channelCount == 1 && inspection.network == .regtest)
        #expect(inspection.unknownSingles.map(\.bytes) == [Array(unknown[5...])])
        let summary = try #require(inspection.summaries.first)
        #expect(summary.channelPoint == original.fundingOutpoint.description)
        #expect(summary.capacitySat == original.capacity)
        #expect(summary.commitment == "unknown channel type v9, handed to lnd untouched")
        let text = InspectText.render(inspection)
        #expect(text.contains("1 channel, \(original.capacity) sat total capacity"))
        #expect(text.contains("1 of them use a channel type this casa does not know (v9)"))
    }
}
