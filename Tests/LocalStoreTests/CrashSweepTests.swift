import Foundation
import LocalStore
import Testing
import LocalStoreTesting
import TestSupport

/// Power loss and I/O faults at every file-system operation of a stream of snapshot writes
/// (issue 5, "Reliability tests"). Bounded: a fixed stream, one run per operation index and
/// crash policy. Prints how many crash points were tried.
@Suite struct CrashSweepTests {
    static let streamLength = 6
    static let keepVersions = 2

    /// One run of the workload on a fresh simulated disk with a real catalog in `scratch`.
    struct Rig {
        let fs = FaultInjectingFileSystem()
        let scratch: TemporaryDirectory
        let configuration: LocalStoreConfiguration
        var catalogPath: String { configuration.catalogPath }
        var staleCatalogPath: String { scratch.sub("catalog-before-last-save.sqlite") }

        init() throws {
            scratch = try TemporaryDirectory("crash")
            configuration = LocalStoreConfiguration(
                snapshotDirectory: "/node/casa/snapshots", catalogPath: scratch.sub("catalog.sqlite"),
                secondaryDirectory: "/usb/casa", keepVersions: CrashSweepTests.keepVersions, fileSystem: fs)
            try fs.createDirectory(at: "/node", mode: 0o700)
            try fs.createDirectory(at: "/usb", mode: 0o700)
            try fs.syncDirectory(at: "/")
        }

        /// Saves the stream, pruning and mirroring after each save, like the agent. Returns the
        /// acknowledged snapshots (those whose `save` returned) and the store if it opened.
        func runWorkload(keepStaleCatalog: Bool = false) -> (acknowledged: [SnapshotMetadata], store: LocalSnapshotStore?) {
            var acknowledged = [SnapshotMetadata]()
            // The agent retries opening after a failure (faults are one-shot; a power loss is not).
            guard let store = (try? LocalSnapshotStore(configuration)) ?? (try? LocalSnapshotStore(configuration)) else {
                return ([], nil)
            }
            for index in 1...CrashSweepTests.streamLength {
                if keepStaleCatalog {
                    try? FileManager.default.removeItem(atPath: staleCatalogPath)
                    try? store.catalog.copy(to: staleCatalogPath)
                }
                if let saved = try? store.save(sealed: Payload.sealed(index), multiHash: Payload.multiHash(index), channelCount: index) {
                    acknowledged.append(saved)
                }
                _ = try? store.applyRetention()
                _ = store.mirrorToSecondary()
                if fs.isPoweredOff { break }
            }
            return (acknowledged, store)
        }

        /// Replaces the catalog: 0 keeps it, 1 deletes it, 2 puts back the copy taken before the
        /// last save (a catalog that lost its last commits).
        func damageCatalog(_ variant: Int) {
            guard variant != 0 else { return }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: catalogPath + suffix) }
            if variant == 2 { try? FileManager.default.copyItem(atPath: staleCatalogPath, toPath: catalogPath) }
        }
    }

    /// Every check a crash must pass, on a freshly opened store.
    static func checkAfterCrash(_ rig: Rig, acknowledged: [SnapshotMetadata], context: String) {
        let store: LocalSnapshotStore
        do {
            store = try LocalSnapshotStore(rig.configuration)
        } catch {
            Issue.record("\(context): the store did not open: \(error)")
            return
        }
        checkServedContent(store, context: context)
        if let last = acknowledged.last {
            let verdict = store.checkAcknowledged(sequence: last.sequence, contentHash: last.contentHash)
            guard case .intact(let newest) = verdict else {
                Issue.record("\(context): acknowledged #\(last.sequence) lost: \(verdict)")
                return
            }
            #expect(newest.sequence >= last.sequence, "\(context)")
        }
        // The queue only ever hands out verified snapshots with the content written for them.
        var drained = 0
        while drained < 20, let job = try? store.nextUpload() {
            #expect(job.snapshot.sealed == Payload.sealed(job.snapshot.metadata.channelCount), "\(context): queued content")
            if (try? store.markUploaded(job)) == nil { break }
            drained += 1
        }
        // The store keeps working, and a new snapshot never reuses a name.
        let before = (try? store.primary.sequences()) ?? []
        do {
            let next = try store.save(sealed: Payload.sealed(99), multiHash: Payload.multiHash(99), channelCount: 99)
            #expect(before.allSatisfy { $0 < next.sequence }, "\(context): sequence reused")
            #expect(try store.readLatest().snapshot?.sealed == Payload.sealed(99), "\(context)")
        } catch {
            Issue.record("\(context): saving after the crash failed: \(error)")
        }
    }

    /// Whatever verifies, in either directory, is exactly what was written under that index:
    /// nothing torn or foreign is ever served.
    static func checkServedContent(_ store: LocalSnapshotStore, context: String) {
        for directory in [store.primary] + (store.secondary.map { [$0] } ?? []) {
            for sequence in (try? directory.sequences()) ?? [] {
                guard let snapshot = try? directory.read(sequence: sequence) else { continue }
                #expect(snapshot.sealed == Payload.sealed(snapshot.metadata.channelCount), "\(context): #\(sequence)")
            }
        }
        if let served = try? store.readLatest().snapshot {
            #expect(served.sealed == Payload.sealed(served.metadata.channelCount), "\(context): served")
        }
    }

    static func operationCount() throws -> (base: Int, total: Int) {
        let rig = try Rig()
        defer { rig.scratch.remove() }
        let base = rig.fs.operationCount
        let (acknowledged, _) = rig.runWorkload()
        #expect(acknowledged.count == streamLength)
        return (base, rig.fs.operationCount)
    }

    @Test func powerLossAtEveryOperation() throws {
        let (base, total) = try Self.operationCount()
        var tried = 0
        for (policyIndex, policy) in CrashPolicy.all.enumerated() {
            for crashPoint in base..<total {
                let rig = try Rig()
                defer { rig.scratch.remove() }
                let catalogVariant = (crashPoint + policyIndex) % 3
                rig.fs.inject(.powerLoss, atOperation: crashPoint)
                let (acknowledged, _) = rig.runWorkload(keepStaleCatalog: catalogVariant == 2)
                #expect(rig.fs.isPoweredOff, "crash point \(crashPoint) was not reached")
                rig.fs.restartAfterPowerLoss(policy)
                rig.damageCatalog(catalogVariant)
                Self.checkAfterCrash(rig, acknowledged: acknowledged,
                                     context: "power loss at op \(crashPoint), \(policy), catalog variant \(catalogVariant)")
                tried += 1
            }
        }
        print("LocalStore crash sweep: \(tried) power-loss crash points tried (\(total - base) operations × \(CrashPolicy.all.count) crash policies, \(Self.streamLength) snapshots)")
        #expect(tried == (total - base) * CrashPolicy.all.count)
        #expect(tried > 0)
    }

    @Test func failedOrCutOperationsNeverLoseAnAcknowledgedSnapshot() throws {
        let (base, total) = try Self.operationCount()
        var tried = 0
        for fault in [InjectedFault.fail(errno: ErrnoCode.io), .cut(errno: ErrnoCode.noSpace)] {
            for point in base..<total {
                let rig = try Rig()
                defer { rig.scratch.remove() }
                rig.fs.inject(fault, atOperation: point)
                let (acknowledged, live) = rig.runWorkload()
                let context = "\(fault) at op \(point)"
                #expect(acknowledged.count >= Self.streamLength - 1, "\(context): one fault cost more than one snapshot")
                if let live { Self.checkServedContent(live, context: context + ", live") }
                // Then the power goes: only what was fsynced counts.
                rig.fs.powerOff()
                rig.fs.restartAfterPowerLoss(.onlySynced)
                Self.checkAfterCrash(rig, acknowledged: acknowledged, context: context)
                tried += 1
            }
        }
        print("LocalStore fault sweep: \(tried) injected failures/short writes tried, each followed by a power loss")
        #expect(tried == 2 * (total - base))
    }

    @Test func aDeadSecondaryNeverBlocksThePrimary() throws {
        for pulledAfter in 0...Self.streamLength {
            let rig = try Rig()
            defer { rig.scratch.remove() }
            let store = try LocalSnapshotStore(rig.configuration)
            for index in 1...Self.streamLength {
                if index == pulledAfter + 1 { rig.fs.failEverything(under: "/usb", errno: ErrnoCode.io) }
                let saved = try store.save(sealed: Payload.sealed(index), multiHash: Payload.multiHash(index), channelCount: index)
                #expect(saved.sequence == UInt64(index))
                let outcome = store.mirrorToSecondary()
                #expect(outcome == (index > pulledAfter ? .failed(outcome.failureMessage ?? "") : .mirrored(UInt64(index))))
            }
            #expect(try store.readLatest().snapshot?.sealed == Payload.sealed(Self.streamLength))
            let secondary = try #require(try store.status().destinations.first { $0.destination == .secondary })
            #expect(secondary.lastSuccessSequence == (pulledAfter == 0 ? nil : UInt64(pulledAfter)))
            // Plugged back in: it catches up with the newest version.
            rig.fs.failEverything(under: "/usb", errno: nil)
            #expect(store.mirrorToSecondary() == .mirrored(UInt64(Self.streamLength)))
            #expect(try store.secondary?.read(sequence: UInt64(Self.streamLength)).sealed == Payload.sealed(Self.streamLength))
        }
    }

    /// Negative control: a writer that renames before fsync (the classic bug) loses an
    /// "acknowledged" snapshot under power loss, and the checks above say so, while the reader
    /// still serves only the intact older version. This proves the sweep's checks can fail.
    @Test func theChecksCatchAWriterThatSkipsTheFsync() throws {
        for data in [CrashPolicy.UnsyncedData.lost, .torn] {
            let rig = try Rig()
            defer { rig.scratch.remove() }
            let store = try LocalSnapshotStore(rig.configuration)
            try store.save(sealed: Payload.sealed(1), multiHash: Payload.multiHash(1), channelCount: 1)
            // The bytes a correct #2 would have, made by a second store elsewhere on the disk.
            let elsewhere = LocalStoreConfiguration(snapshotDirectory: "/elsewhere/snapshots",
                                                    catalogPath: rig.scratch.sub("elsewhere.sqlite"), fileSystem: rig.fs)
            let other = try LocalSnapshotStore(elsewhere)
            try other.save(sealed: Payload.sealed(1), multiHash: Payload.multiHash(1), channelCount: 1)
            let second = try other.save(sealed: Payload.sealed(2), multiHash: Payload.multiHash(2), channelCount: 2)
            let bytes = try rig.fs.readFile(at: other.primary.filePath(for: 2))
            // Naive write: final name directly, directory synced, file data never fsynced.
            try rig.fs.writeFile(at: store.primary.filePath(for: 2), bytes: bytes)
            try rig.fs.syncDirectory(at: store.primary.path)
            rig.fs.powerOff()
            rig.fs.restartAfterPowerLoss(CrashPolicy(data: data, names: .undone))

            let reopened = try LocalSnapshotStore(rig.configuration)
            #expect(reopened.checkAcknowledged(sequence: 2, contentHash: second.contentHash) == .olderThanAcknowledged(newest: 1))
            let read = try reopened.readLatest()
            #expect(read.snapshot?.sealed == Payload.sealed(1))
            #expect(read.corruptions.map(\.sequence) == [2])
            #expect(reopened.openingReport.corruptions.count == 1)
        }
    }
}
