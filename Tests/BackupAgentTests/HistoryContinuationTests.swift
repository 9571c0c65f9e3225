import BackupAgent
import BackupCore
import BlobStorage
import Foundation
import LocalStore
import Sodium
import Testing
import TestSupport

/// Issue 14: the agent continues from the newest state that exists (vault, local, USB), and
/// seals its writer and the writer it continued into every snapshot (docs/agent.md
/// "Continuing the history"). The vault is BlobStorage's real in-memory store.
@Suite("Continuing the history")
struct HistoryContinuationTests {
    static let oldWriter = WriterID(hex: "0123456789abcdef")!
    static let otherWriter = WriterID(hex: "fedcba9876543210")!

    let h: Harness
    let keys: AgentKeys

    init() async throws {
        h = try Harness()
        keys = try await AgentKeys.derive(from: h.lnd, account: h.account)
    }

    func sealed(_ counter: UInt64, writer: WriterID?, parent: WriterID? = nil) throws -> [UInt8] {
        try Envelope.seal(
            EnvelopePayload(kind: .lndMultiChannelBackup, createdAt: 1_764_000_000, bytes: try h.lnd.encryptedMulti(),
                            lineage: writer.map { SnapshotLineage(writer: $0, parent: parent) }),
            counter: counter, account: keys.account, blob: keys.blob, key: keys.backup.envelope)
    }

    func vault(_ envelopes: [[UInt8]]) async throws -> MemoryBlobStore {
        let vault = MemoryBlobStore()
        for (index, bytes) in envelopes.enumerated() {
            _ = try await vault.put(keys.blob, version: UInt64(index + 1), data: bytes, contentHash: ContentHash(SHA256.hash(bytes)))
        }
        return vault
    }

    /// A real local store under `dir` (`name` folder), already holding `envelopes`.
    func localStore(_ dir: TemporaryDirectory, _ name: String = "snapshots", secondary: String? = nil,
                    holding envelopes: [[UInt8]] = []) throws -> LocalSnapshotStore {
        let store = try LocalSnapshotStore(LocalStoreConfiguration(
            snapshotDirectory: dir.path + "/" + name, catalogPath: dir.path + "/\(name).sqlite",
            secondaryDirectory: secondary.map { dir.path + "/" + $0 }, keepVersions: 3))
        for envelope in envelopes {
            try store.save(sealed: envelope, multiHash: [UInt8](repeating: 1, count: 32), channelCount: 1)
        }
        return store
    }

    /// Seals one snapshot through a fresh pipeline over `store` and returns what it sealed.
    func sealOne(vault: (any BlobStore)?, store: any SnapshotStore, status: AgentStatus = AgentStatus())
        async throws -> (opened: OpenedEnvelope, pipeline: SnapshotPipeline) {
        let pipeline = SnapshotPipeline(store: store, pending: nil, status: status, notify: [],
                                        survey: StoreHistorySurvey(vault: vault, store: store, vaultTimeout: .seconds(5)))
        try await pipeline.install(keys)
        guard case .saved(let info) = try await pipeline.ingest(h.lnd.encryptedMulti(), origin: .export) else {
            throw AgentError.io("nothing saved")
        }
        let stored = try #require(try store.readLatest())
        #expect(stored.info.sequence == info.sequence)
        return (try Envelope.open(stored.sealed, account: keys.account, blob: keys.blob, key: keys.backup.envelope), pipeline)
    }

    /// C1: a re-enrolled agent (empty state) used to start at counter 1 below the first life's 40.
    @Test("A re-enrolled agent continues above the vault's newest counter, as the child of its writer")
    func continuesAboveTheVault() async throws {
        let vault = try await vault(try (1...40).map { try sealed($0, writer: Self.oldWriter) })
        let status = AgentStatus()
        let (opened, pipeline) = try await sealOne(vault: vault, store: MemorySnapshotStore(), status: status)
        #expect(opened.counter == 41)
        #expect(opened.version == 2)
        #expect(opened.payload.lineage == SnapshotLineage(writer: pipeline.writer, parent: Self.oldWriter))
        let history = try #require(status.current.history)
        #expect(history.highestCounterFound == 40 && history.parent == Self.oldWriter.hex && !history.forked)
        #expect(history.snapshotsRead == 20 && history.problems.isEmpty)
    }

    @Test("Version 1 history (no writer): the new writer continues above it with no parent")
    func continuesAboveVersion1() async throws {
        let vault = try await vault(try (1...3).map { try sealed($0, writer: nil) })
        let (opened, _) = try await sealOne(vault: vault, store: MemorySnapshotStore())
        #expect(opened.counter == 4)
        #expect(opened.payload.lineage?.parent == nil)
    }

    @Test("A USB copy newer than the vault raises the floor")
    func usbCopyRaisesTheFloor() async throws {
        let dir = try TemporaryDirectory()
        // The USB stick of a replaced device: its newest snapshot (counter 9) never reached the vault.
        _ = try localStore(dir, "usb", holding: [try sealed(9, writer: Self.oldWriter)])
        let store = LocalStoreAdapter(try localStore(dir, secondary: "usb"))
        let vault = try await vault(try (1...5).map { try sealed($0, writer: Self.oldWriter) })
        let (opened, _) = try await sealOne(vault: vault, store: store)
        #expect(opened.counter == 10)
        #expect(opened.payload.lineage?.parent == Self.oldWriter)
    }

    @Test("A forked history: the agent continues its own branch and says so")
    func forkedHistoryContinuesOwnBranch() async throws {
        let dir = try TemporaryDirectory()
        let ours = try sealed(12, writer: Self.oldWriter)
        let local = try localStore(dir, holding: [ours])
        // The vault holds both writers' snapshots: a clone wrote counters 11..14 beside ours.
        let vault = try await vault([try sealed(11, writer: Self.oldWriter), try sealed(11, writer: Self.otherWriter),
                                     ours, try sealed(14, writer: Self.otherWriter)])
        let status = AgentStatus()
        let (opened, _) = try await sealOne(vault: vault, store: LocalStoreAdapter(local), status: status)
        #expect(opened.counter == 15)
        #expect(opened.payload.lineage?.parent == Self.oldWriter)
        #expect(status.current.history?.forked == true)
    }

    /// A cloned disk: the clone wrote above our folder's newest snapshot before this box started
    /// again. Continuing the clone's newer writer would hide the clone's branch for good.
    @Test("A box whose folder is behind a sibling writer continues its own branch and reports the fork")
    func siblingAboveOurFolderIsAFork() async throws {
        let dir = try TemporaryDirectory()
        let ours = try sealed(1, writer: Self.oldWriter)
        let local = try localStore(dir, holding: [ours])
        let vault = try await vault([ours, try sealed(2, writer: Self.otherWriter, parent: Self.oldWriter),
                                     try sealed(3, writer: Self.otherWriter, parent: Self.oldWriter)])
        let status = AgentStatus()
        let (opened, _) = try await sealOne(vault: vault, store: LocalStoreAdapter(local), status: status)
        #expect(opened.counter == 4)
        #expect(opened.payload.lineage?.parent == Self.oldWriter)
        #expect(status.current.history?.forked == true)
    }

    /// L6: the newest local file went bad after it was uploaded; the vault cannot be reached.
    /// The next counter must still be above it (the store's names and catalog remember it).
    @Test("A corrupt newest local snapshot never lets a counter repeat")
    func corruptNewestFileDoesNotRepeatItsCounter() async throws {
        let dir = try TemporaryDirectory()
        let local = try localStore(dir, holding: try (1...3).map { try sealed($0, writer: Self.oldWriter) })
        #expect(local.latest?.sequence == 3)
        let newest = dir.path + "/snapshots/" + SnapshotFileFormat.fileName(for: 3)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: newest)))
        bytes[bytes.count - 1] ^= 0xff
        try Data(bytes).write(to: URL(fileURLWithPath: newest))
        let reopened = try localStore(dir)
        #expect(reopened.latest?.sequence == 2)
        let (opened, _) = try await sealOne(vault: NoVault(reason: "connection refused"), store: LocalStoreAdapter(reopened))
        #expect(opened.counter == 4)
    }

    @Test("An unreachable vault is reported and the local copies still set the floor")
    func unreachableVault() async throws {
        let store = MemorySnapshotStore()
        _ = try store.save(sealed: try sealed(7, writer: Self.oldWriter), multiHash: [UInt8](repeating: 1, count: 32), channelCount: 1, createdAt: Date())
        let status = AgentStatus()
        let (opened, _) = try await sealOne(vault: NoVault(reason: "connection refused"), store: store, status: status)
        #expect(opened.counter == 8)
        #expect(status.current.history?.problems.first?.hasPrefix("the vault's history could not be read") == true)
    }

    @Test("A counter near 2^64 is not continued above (no room left); the owner sees it as a branch")
    func implausibleCounterIsNotAdopted() async throws {
        let vault = try await vault([try sealed(3, writer: Self.oldWriter), try sealed(.max, writer: Self.otherWriter, parent: Self.oldWriter)])
        let status = AgentStatus()
        let (opened, _) = try await sealOne(vault: vault, store: MemorySnapshotStore(), status: status)
        #expect(opened.counter == 4)
        #expect(status.current.history?.problems.first?.contains("far above any real history") == true)
    }
}
