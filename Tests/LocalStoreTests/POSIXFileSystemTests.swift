import Foundation
import LocalStore
import Testing
import TestSupport

@Suite struct POSIXFileSystemTests {
    let fs = POSIXFileSystem()

    @Test func writesReadsRenamesListsAndRemoves() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try fs.writeFileDurably(at: dir.sub("a.tmp"), bytes: [1, 2, 3])
        try fs.rename(from: dir.sub("a.tmp"), to: dir.sub("a"))
        try fs.syncDirectory(at: dir.path)
        #expect(try fs.readFile(at: dir.sub("a")) == [1, 2, 3])
        #expect(try fs.listDirectory(at: dir.path) == ["a"])
        try fs.writeFile(at: dir.sub("a"), bytes: [9])
        try fs.syncFile(at: dir.sub("a"))
        #expect(try fs.readFile(at: dir.sub("a")) == [9])
        try fs.removeFile(at: dir.sub("a"))
        try fs.removeFile(at: dir.sub("a"))  // idempotent
        #expect(try fs.listDirectory(at: dir.path).isEmpty)
    }

    @Test func writesWithWritebackStartedAndPatchesInPlace() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let big = Payload.sealed(8, size: 300_000)
        try fs.writeFileStartingWriteback(at: dir.sub("f"), bytes: big)
        #expect(try fs.readFile(at: dir.sub("f")) == big)
        try fs.patchFileDurably(at: dir.sub("f"), offset: 0, bytes: [1, 2, 3])
        try fs.patchFile(at: dir.sub("f"), offset: big.count - 2, bytes: [4, 5])
        #expect(try fs.readFile(at: dir.sub("f")) == [1, 2, 3] + big[3..<big.count - 2] + [4, 5])
        // A patch never grows a file nor creates one.
        #expect(throws: FileSystemError.self) { try fs.patchFile(at: dir.sub("f"), offset: big.count - 1, bytes: [6, 7]) }
        #expect(throws: FileSystemError.self) { try fs.patchFile(at: dir.sub("missing"), offset: 0, bytes: [1]) }
        #expect(try fs.readFile(at: dir.sub("f")).count == big.count)
        #expect(try fs.listDirectory(at: dir.path) == ["f"])
    }

    @Test func readsLargeFilesCompletely() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let big = Payload.sealed(7, size: 300_000)
        try fs.writeFileDurably(at: dir.sub("big"), bytes: big)
        #expect(try fs.readFile(at: dir.sub("big")) == big)
    }

    @Test func createsPrivateFilesAndDirectories() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try fs.createDirectory(at: dir.sub("x/y"), mode: 0o700)
        try fs.createDirectory(at: dir.sub("x/y"), mode: 0o700)  // existing is fine
        try fs.writeFile(at: dir.sub("x/y/f"), bytes: [1])
        let manager = FileManager.default
        #expect(try manager.attributesOfItem(atPath: dir.sub("x/y"))[.posixPermissions] as? Int == 0o700)
        #expect(try manager.attributesOfItem(atPath: dir.sub("x/y/f"))[.posixPermissions] as? Int == 0o600)
    }

    @Test func reportsMissingFilesAndBadDirectories() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(throws: FileSystemError.self) { try fs.readFile(at: dir.sub("none")) }
        do {
            _ = try fs.readFile(at: dir.sub("none"))
        } catch {
            #expect(error.isNotFound)
            #expect(error.description.contains("none"))
        }
        try fs.writeFile(at: dir.sub("file"), bytes: [])
        #expect(throws: FileSystemError.self) { try fs.createDirectory(at: dir.sub("file/sub"), mode: 0o700) }
        #expect(throws: FileSystemError.self) { try fs.createDirectory(at: dir.sub("file"), mode: 0o700) }
        #expect(throws: FileSystemError.self) { try fs.listDirectory(at: dir.sub("none")) }
        #expect(throws: FileSystemError.self) { try fs.readFile(at: dir.path) }
    }
}
