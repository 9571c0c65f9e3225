import LocalStore
import Testing
import LocalStoreTesting

@Suite struct FaultInjectingFileSystemTests {
    /// A file system with a durable, empty /d.
    func makeFS() throws -> FaultInjectingFileSystem {
        let fs = FaultInjectingFileSystem()
        try fs.createDirectory(at: "/d", mode: 0o700)
        try fs.syncDirectory(at: "/")
        return fs
    }

    @Test func unsyncedDataAndNamesAreLostWithOnlySyncedPolicy() throws {
        let fs = try makeFS()
        try fs.writeFile(at: "/d/unsynced", bytes: [1])
        try fs.writeFileDurably(at: "/d/synced-data", bytes: [2])
        fs.powerOff()
        fs.restartAfterPowerLoss(.onlySynced)
        // Neither name was made durable by a directory fsync.
        #expect(try fs.listDirectory(at: "/d").isEmpty)
    }

    @Test func syncedNameWithUnsyncedDataComesBackEmpty() throws {
        let fs = try makeFS()
        try fs.writeFile(at: "/d/f", bytes: [1, 2, 3, 4])
        try fs.syncDirectory(at: "/d")
        fs.powerOff()
        fs.restartAfterPowerLoss(.onlySynced)
        #expect(try fs.readFile(at: "/d/f") == [])  // the classic zero-length file after a crash
    }

    @Test func aPatchIsVolatileUntilSyncedAndACutPatchWritesHalf() throws {
        let fs = try makeFS()
        try fs.writeFileDurably(at: "/d/f", bytes: [1, 2, 3, 4, 5, 6])
        try fs.syncDirectory(at: "/d")
        try fs.patchFile(at: "/d/f", offset: 1, bytes: [9, 9])
        #expect(try fs.readFile(at: "/d/f") == [1, 9, 9, 4, 5, 6])
        #expect(throws: FileSystemError.self) { try fs.patchFile(at: "/d/f", offset: 5, bytes: [7, 7]) }
        fs.inject(.cut(errno: ErrnoCode.io), atOperation: fs.operationCount)
        #expect(throws: FileSystemError.self) { try fs.patchFile(at: "/d/f", offset: 2, bytes: [8, 8, 8, 8]) }
        #expect(try fs.readFile(at: "/d/f") == [1, 9, 8, 8, 5, 6])
        fs.powerOff()
        fs.restartAfterPowerLoss(.onlySynced)
        #expect(try fs.readFile(at: "/d/f") == [1, 2, 3, 4, 5, 6])
        try fs.patchFileDurably(at: "/d/f", offset: 0, bytes: [7])
        fs.powerOff()
        fs.restartAfterPowerLoss(.onlySynced)
        #expect(try fs.readFile(at: "/d/f") == [7, 2, 3, 4, 5, 6])
    }

    @Test func renameWithoutDirectorySyncIsUndone() throws {
        let fs = try makeFS()
        try fs.writeFileDurably(at: "/d/old", bytes: [1])
        try fs.syncDirectory(at: "/d")
        try fs.writeFileDurably(at: "/d/tmp", bytes: [2])
        try fs.rename(from: "/d/tmp", to: "/d/old")
        #expect(try fs.readFile(at: "/d/old") == [2])
        fs.powerOff()
        fs.restartAfterPowerLoss(CrashPolicy(data: .kept, names: .undone))
        #expect(try fs.readFile(at: "/d/old") == [1])
        #expect(try fs.listDirectory(at: "/d") == ["old"])
    }

    @Test func renameWithDirectorySyncSurvives() throws {
        let fs = try makeFS()
        try fs.writeFileDurably(at: "/d/tmp", bytes: [2])
        try fs.rename(from: "/d/tmp", to: "/d/new")
        try fs.syncDirectory(at: "/d")
        fs.powerOff()
        fs.restartAfterPowerLoss(.onlySynced)
        #expect(try fs.readFile(at: "/d/new") == [2])
        #expect(try fs.listDirectory(at: "/d") == ["new"])
    }

    @Test func tornAndKeptPolicies() throws {
        for (policy, expected) in [(CrashPolicy.UnsyncedData.torn, [UInt8]([5, 6, 3, 4])), (.kept, [5, 6, 7, 8]), (.lost, [1, 2, 3, 4])] {
            let fs = try makeFS()
            try fs.writeFileDurably(at: "/d/f", bytes: [1, 2, 3, 4])
            try fs.syncDirectory(at: "/d")
            try fs.writeFile(at: "/d/f", bytes: [5, 6, 7, 8])
            fs.powerOff()
            fs.restartAfterPowerLoss(CrashPolicy(data: policy, names: .undone))
            #expect(try fs.readFile(at: "/d/f") == expected, "policy \(policy)")
        }
    }

    @Test func injectedFailuresAndCutsHitTheChosenOperation() throws {
        let fs = try makeFS()
        let start = fs.operationCount
        fs.inject(.fail(errno: ErrnoCode.noSpace), atOperation: start + 1)
        fs.inject(.cut(errno: ErrnoCode.io), atOperation: start + 2)
        try fs.writeFile(at: "/d/a", bytes: [1])                           // start
        #expect(throws: FileSystemError.self) { try fs.syncFile(at: "/d/a") } // start + 1
        do {
            try fs.writeFile(at: "/d/b", bytes: [1, 2, 3, 4])                // start + 2
            Issue.record("the cut write should have failed")
        } catch {
            #expect(error.errno == ErrnoCode.io)
        }
        #expect(try fs.readFile(at: "/d/b") == [1, 2])
        try fs.syncFile(at: "/d/a")                                          // start + 3: no fault left
        #expect(fs.operationCount == start + 4)
    }

    @Test func powerLossStopsEverythingUntilRestart() throws {
        let fs = try makeFS()
        fs.inject(.powerLoss, atOperation: fs.operationCount + 1)
        do {
            try fs.writeFileDurably(at: "/d/a", bytes: [1])  // the write runs, the fsync meets the power loss
            Issue.record("the fsync should have met the power loss")
        } catch {
            #expect(error.powerLost)
        }
        #expect(fs.isPoweredOff)
        #expect(throws: FileSystemError.self) { try fs.readFile(at: "/d/a") }
        #expect(throws: FileSystemError.self) { try fs.listDirectory(at: "/d") }
        fs.restartAfterPowerLoss(CrashPolicy(data: .kept, names: .kept))
        #expect(!fs.isPoweredOff)
        #expect(try fs.readFile(at: "/d/a") == [1])
    }

    @Test func corruptionHelperFlipsDurableBytes() throws {
        let fs = try makeFS()
        try fs.writeFileDurably(at: "/d/f", bytes: [0, 0])
        try fs.syncDirectory(at: "/d")
        try fs.corruptByte(at: 1, ofFileAt: "/d/f")
        fs.powerOff()
        fs.restartAfterPowerLoss(.onlySynced)
        #expect(try fs.readFile(at: "/d/f") == [0, 0xff])
        #expect(try fs.mode(at: "/d") == 0o700)
    }
}
