import BackupCore
import BlobStorage
import CommandLineSupport
import Foundation
import Recovery
import SeedKit
import Sodium
import Testing
import TestSupport
import LightningTypes

/// From the words to the snapshots: the vault (in memory) and a local folder.
@Suite struct SnapshotListingTests {
    let fixtures: SnapshotFixtures

    init() throws {
        fixtures = try SnapshotFixtures()
    }

    func location(_ vault: MemoryOwnerVault) -> SnapshotLocation {
        .vault { owner in vault.connect(owner) }
    }

    @Test func vaultVersionsNewestFirstWithChannelCounts() async throws {
        let vault = try await fixtures.vault()
        let listing = try await SnapshotLoader.load(seed: fixtures.seed, network: nil, location: location(vault))
        #expect(listing.account == fixtures.account.hex)
        #expect(listing.entries.map(\.reference.number) == [3, 2, 1])
        #expect(listing.entries.map { $0.opened?.inspection.channels.count } == [1, 1, 1])
        #expect(listing.entries.allSatisfy { $0.problem == nil && $0.warnings.isEmpty })
        let newest = try listing.pick(.newest)
        #expect(newest.counter == 3)
        #expect(newest.lndBackup == fixtures.lndBackup)
        #expect(newest.inspection.network == .regtest)
        #expect(newest.keys.nodePublicKey == "03b755f6efcd3816a2de3360932b6e80801f11c9fe25c5c4453ca27d06d8b620ae")
        #expect(try listing.pick(.number(1)).counter == 1)
        #expect(throws: RecoveryError.self) { try listing.pick(.number(9)) }
    }

    @Test func aDamagedVersionIsListedAndSkipped() async throws {
        let vault = try await fixtures.vault(counters: [1, 2])
        var junk = try fixtures.envelope(counter: 3)
        junk[200] ^= 0x40
        _ = try await vault.store.put(fixtures.keys.blob, version: 3, data: junk, contentHash: ContentHash(SHA256.hash(junk)))
        let listing = try await SnapshotLoader.load(seed: fixtures.seed, network: .regtest, location: location(vault))
        #expect(listing.entries.first?.reference.number == 3)
        #expect(listing.entries.first?.problem?.contains("modified") == true)
        #expect(try listing.pick(.newest).counter == 2)
        #expect(throws: RecoveryError.self) { try listing.pick(.number(3)) }
    }

    /// Issue 14 / C1: version 1 counters that started again (a re-enrolled agent before casa
    /// recorded writers) are two branches. The old code restored counter 5, the first life.
    @Test func countersThatStartedAgainAreNotRestoredSilently() async throws {
        let vault = try await fixtures.vault(counters: [1, 5, 2])
        let listing = try await SnapshotLoader.load(seed: fixtures.seed, network: nil, location: location(vault))
        #expect(listing.branches.map(\.newest.reference.number) == [2, 3])
        #expect(listing.newest == nil)
        #expect {
            try listing.pick(.newest)
        } throws: { error in
            guard case .historyForked(let branches) = error as? RecoveryError else { return false }
            return branches == listing.branches.map(\.line) && branches.count == 2
        }
        #expect(RecoveryError.historyForked(branches: []).exitStatus == .mustChoose)
        #expect(try listing.pick(.branch("1")).reference.number == 2)
        #expect(try listing.pick(.branch("2")).reference.number == 3)
        #expect(try listing.pick(.number(3)).counter == 2)
    }

    @Test func otherWordsFindNoAccount() async throws {
        let vault = try await fixtures.vault()
        let other = try SeedLoader(wordsFile: try fixtures.files.words(
            "abandon kangaroo tribe spell brass entry argue buzz muffin total rug title autumn wish use bubble alarm rent machine hockey fork slam gaze tobacco\n")).load()
        await #expect {
            _ = try await SnapshotLoader.load(seed: other, network: nil, location: location(vault))
        } throws: { error in
            guard case .accountNotFound = error as? RecoveryError else { return false }
            return (error as? RecoveryError)?.exitStatus == .notFound
        }
    }

    @Test func aRootKeyCannotFindTheAccount() async throws {
        let rootSeed = try SeedLoader(rootKeyFile: fixtures.files.rootKeyB).load()
        await #expect(throws: RecoveryError.self) {
            _ = try await SnapshotLoader.load(seed: rootSeed, network: nil, location: .folder(fixtures.files.dir.path))
        }
    }

    @Test func folderCopyOpensLikeTheVault() async throws {
        let folder = try fixtures.folder(sequences: [4, 7])
        // Noise that must be ignored: a temporary file and an unrelated file.
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: folder).appendingPathComponent("snapshot-00000000000000000009.casa.tmp"))
        try Data("notes".utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent("README.txt"))
        let listing = try await SnapshotLoader.load(seed: fixtures.seed, network: nil, location: .folder(folder))
        #expect(listing.entries.map(\.reference.number) == [7, 4])
        let newest = try listing.pick(.newest)
        #expect(newest.counter == 7)
        #expect(newest.lndBackup == fixtures.lndBackup)
    }

    @Test func aTornFileInTheFolderIsReportedNotUsed() async throws {
        let folder = try fixtures.folder(sequences: [1, 2])
        let newest = URL(fileURLWithPath: folder).appendingPathComponent(LocalSnapshotFile.fileName(sequence: 2))
        let bytes = try Data(contentsOf: newest)
        try bytes.prefix(bytes.count - 100).write(to: newest)
        let listing = try await SnapshotLoader.load(seed: fixtures.seed, network: nil, location: .folder(folder))
        #expect(listing.entries.first?.problem?.contains("cut or extended") == true)
        #expect(try listing.pick(.newest).counter == 1)
    }

    @Test func wrongWordsOnAFolderSayNotThisSeed() async throws {
        let folder = try fixtures.folder(sequences: [1])
        let other = try SeedLoader(wordsFile: try fixtures.files.words(
            "abandon kangaroo tribe spell brass entry argue buzz muffin total rug title autumn wish use bubble alarm rent machine hockey fork slam gaze tobacco\n")).load()
        await #expect {
            _ = try await SnapshotLoader.load(seed: other, network: nil, location: .folder(folder))
        } throws: { error in
            (error as? RecoveryError)?.exitStatus == .notThisSeed
        }
    }
}
