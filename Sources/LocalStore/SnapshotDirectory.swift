/// One directory of snapshot files (the primary store or the second copy on a USB stick),
/// written crash-safely: temporary file, fsync, rename over the final name, fsync of the
/// directory. A snapshot is durable exactly when `write` returns.
public struct SnapshotDirectory: Sendable {
    public let path: String
    let fileSystem: any FileSystem

    public init(path: String, fileSystem: any FileSystem) {
        self.path = path
        self.fileSystem = fileSystem
    }

    /// Creates the directory (0700) and makes its entry durable, and removes temporary files
    /// left by a write that was interrupted (they were never acknowledged).
    public func prepare() throws(FileSystemError) {
        try fileSystem.createDirectory(at: path, mode: 0o700)
        // Make every level's entry durable; a file system that cannot sync some ancestor (a
        // read-only "/" on some setups) must not stop the store, so only our own parent counts.
        var ancestor = FilePath.parent(of: path)
        try fileSystem.syncDirectory(at: ancestor)
        while ancestor != "/" {
            ancestor = FilePath.parent(of: ancestor)
            try? fileSystem.syncDirectory(at: ancestor)
        }
        for name in try fileSystem.listDirectory(at: path) where SnapshotFileFormat.isTemporaryFileName(name) {
            try fileSystem.removeFile(at: FilePath.join(path, name))
        }
    }

    /// Writes an encoded snapshot file for `sequence` and returns once it is durable.
    public func write(fileBytes: [UInt8], sequence: UInt64) throws(FileSystemError) {
        let temporary = temporaryPath(for: sequence)
        try fileSystem.writeFileDurably(at: temporary, bytes: fileBytes)
        try fileSystem.rename(from: temporary, to: filePath(for: sequence))
        try fileSystem.syncDirectory(at: path)
    }

    /// The first half of `write`, for a file whose header is not known yet: writes `fileBytes`
    /// to the temporary file of `sequence` and starts its writeback, so that the disk works
    /// while the caller still checks what it is storing. Nothing is visible or durable yet.
    /// A small file is written plainly: its fsync is one short request anyway, and starting its
    /// writeback early would only send its first page (the header's) to the disk twice.
    public func stage(fileBytes: [UInt8], sequence: UInt64) throws(FileSystemError) {
        if fileBytes.count >= Self.earlyWritebackSize {
            try fileSystem.writeFileStartingWriteback(at: temporaryPath(for: sequence), bytes: fileBytes)
        } else {
            try fileSystem.writeFile(at: temporaryPath(for: sequence), bytes: fileBytes)
        }
    }

    /// From this size on, `stage` starts the writeback at once.
    static let earlyWritebackSize = 64 * 1024

    /// The second half: writes `header` over the start of the staged file, makes it durable and
    /// gives it its final name. Returns once the snapshot is durable, like `write`.
    public func commit(header: [UInt8], sequence: UInt64) throws(FileSystemError) {
        let temporary = temporaryPath(for: sequence)
        try fileSystem.patchFileDurably(at: temporary, offset: 0, bytes: header)
        try fileSystem.rename(from: temporary, to: filePath(for: sequence))
        try fileSystem.syncDirectory(at: path)
    }

    /// Removes a staged file that will not be committed (never synced: a power loss before the
    /// removal leaves a temporary file, which `prepare` removes).
    public func discardStaged(sequence: UInt64) throws(FileSystemError) {
        try fileSystem.removeFile(at: temporaryPath(for: sequence))
    }

    /// Sequences of the snapshot files present, oldest first (unverified: names only).
    public func sequences() throws(FileSystemError) -> [UInt64] {
        try fileSystem.listDirectory(at: path).compactMap(SnapshotFileFormat.sequence(fromFileName:)).sorted()
    }

    /// Reads and verifies one version.
    public func read(sequence: UInt64) throws(SnapshotCorruption) -> StoredSnapshot {
        let file = filePath(for: sequence)
        let bytes: [UInt8]
        do {
            bytes = try fileSystem.readFile(at: file)
        } catch {
            throw SnapshotCorruption(path: file, sequence: sequence, reason: .unreadable(errno: error.errno))
        }
        return try SnapshotFileFormat.decode(bytes, path: file, expectedSequence: sequence)
    }

    /// Verifies every version: what is intact (oldest first) and what is not.
    public func scan() throws(FileSystemError) -> DirectoryScan {
        var scan = DirectoryScan()
        for sequence in try sequences() {
            do {
                scan.intact.append(try read(sequence: sequence).metadata)
            } catch {
                scan.corrupt.append(error)
            }
        }
        return scan
    }

    /// The newest version that verifies, and the reports for the newer ones that did not.
    public func newestIntact() throws(FileSystemError) -> SnapshotRead {
        var corruptions = [SnapshotCorruption]()
        for sequence in try sequences().reversed() {
            do {
                return SnapshotRead(snapshot: try read(sequence: sequence), corruptions: corruptions)
            } catch {
                corruptions.append(error)
            }
        }
        return SnapshotRead(snapshot: nil, corruptions: corruptions)
    }

    /// Removes one version. Not synced: a removal undone by a power loss is harmless, the file
    /// is pruned again later.
    public func remove(sequence: UInt64) throws(FileSystemError) {
        try fileSystem.removeFile(at: filePath(for: sequence))
    }

    public func filePath(for sequence: UInt64) -> String {
        FilePath.join(path, SnapshotFileFormat.fileName(for: sequence))
    }

    func temporaryPath(for sequence: UInt64) -> String {
        FilePath.join(path, SnapshotFileFormat.temporaryFileName(for: sequence))
    }
}

/// The result of verifying every file of a directory.
public struct DirectoryScan: Sendable {
    public var intact: [SnapshotMetadata] = []
    public var corrupt: [SnapshotCorruption] = []

    public init(intact: [SnapshotMetadata] = [], corrupt: [SnapshotCorruption] = []) {
        self.intact = intact
        self.corrupt = corrupt
    }

    /// The highest sequence present, intact or not (new snapshots must never reuse a name).
    public var highestSequence: UInt64? {
        (intact.map(\.sequence) + corrupt.compactMap(\.sequence)).max()
    }
}

/// The newest intact snapshot (nil when there is none) and the newer files that were skipped
/// because they did not verify.
public struct SnapshotRead: Sendable {
    public let snapshot: StoredSnapshot?
    public let corruptions: [SnapshotCorruption]
}
