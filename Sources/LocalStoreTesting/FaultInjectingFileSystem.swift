import Synchronization
import LocalStore

/// An in-memory file system for crash and fault tests. It keeps, for every file and directory,
/// what a running process sees (volatile) and what is on the platter (durable): `syncFile`
/// makes a file's data durable, `syncDirectory` makes a directory's entries durable, nothing
/// else does. Any mutating operation (write, sync, rename, directory sync, remove, mkdir) can be
/// made to fail, to cut a write short, or to be the point where the power goes off; after that,
/// `restartAfterPowerLoss` throws away what was not durable, as chosen by a `CrashPolicy`.
///
/// Operations are numbered from 0 in the order they are called, which makes every crash point
/// of a deterministic workload reachable by index.
public final class FaultInjectingFileSystem: FileSystem {
    private let state = Mutex(VirtualDisk())

    public init() {}

    // MARK: - Test controls

    /// Arranges for `fault` to happen at mutating operation number `index` (counted from 0 since
    /// this file system was created).
    public func inject(_ fault: InjectedFault, atOperation index: Int) {
        state.withLock { $0.faults[index] = fault }
    }

    /// Makes every operation on a path under `prefix` fail with `errno` from now on, as if a
    /// USB stick had been pulled; `nil` plugs it back.
    public func failEverything(under prefix: String, errno: Int32?) {
        state.withLock { $0.deadPrefixes[prefix] = errno }
    }

    /// How many mutating operations have been attempted so far (including failed ones).
    public var operationCount: Int { state.withLock { $0.operationCount } }

    /// Whether a `.powerLoss` fault (or `powerOff()`) has happened and no restart since.
    public var isPoweredOff: Bool { state.withLock { $0.poweredOff } }

    /// Cuts the power now: every later call fails until `restartAfterPowerLoss`.
    public func powerOff() {
        state.withLock { $0.poweredOff = true }
    }

    /// Boots the machine again: what was not durable is lost, torn or kept as `policy` says,
    /// and what survives becomes the new durable state. Pending faults are cleared.
    public func restartAfterPowerLoss(_ policy: CrashPolicy) {
        state.withLock { disk in
            disk.applyPowerLoss(policy)
            disk.poweredOff = false
            disk.faults = [:]
        }
    }

    /// Flips every bit of one byte of a file, in both the volatile and the durable state (bit rot,
    /// a bad sector): for testing that corrupt files are never served.
    public func corruptByte(at offset: Int, ofFileAt path: String) throws(FileSystemError) {
        try state.withLock { disk throws(FileSystemError) in
            let id = try disk.resolveFile(path, operation: .write)
            guard case .file(var file) = disk.nodes[id], offset < file.data.count else {
                throw FileSystemError(operation: .write, path: path, errno: ErrnoCode.io)
            }
            file.data[offset] ^= 0xff
            if offset < file.durableData.count { file.durableData[offset] ^= 0xff }
            disk.nodes[id] = .file(file)
        }
    }

    /// Replaces a file's content in both states (e.g. with a truncated copy), bypassing faults.
    public func overwriteDurably(at path: String, bytes: [UInt8]) throws(FileSystemError) {
        try state.withLock { disk throws(FileSystemError) in
            let id = try disk.resolveFile(path, operation: .write)
            disk.nodes[id] = .file(VirtualFile(data: bytes, durableData: bytes))
        }
    }

    // MARK: - FileSystem

    public func writeFile(at path: String, bytes: [UInt8]) throws(FileSystemError) {
        try mutate(.write, path) { disk, fault throws(FileSystemError) in
            let id = try disk.createOrTruncateFile(path)
            if case .cut(let code) = fault {
                disk.nodes[id] = disk.nodes[id]?.replacingData(Array(bytes.prefix(bytes.count / 2)))
                throw FileSystemError(operation: .write, path: path, errno: code)
            }
            disk.nodes[id] = disk.nodes[id]?.replacingData(bytes)
        }
    }

    /// A cut patch writes its first half.
    public func patchFile(at path: String, offset: Int, bytes: [UInt8]) throws(FileSystemError) {
        try mutate(.write, path) { disk, fault throws(FileSystemError) in
            let id = try disk.resolveFile(path, operation: .write)
            guard case .file(var file) = disk.nodes[id] else { return }
            guard offset >= 0, offset + bytes.count <= file.data.count else {
                throw FileSystemError(operation: .write, path: path, errno: ErrnoCode.invalidArgument)
            }
            let written = if case .cut = fault { bytes.count / 2 } else { bytes.count }
            file.data.replaceSubrange(offset..<offset + written, with: bytes.prefix(written))
            disk.nodes[id] = .file(file)
            if case .cut(let code) = fault { throw FileSystemError(operation: .write, path: path, errno: code) }
        }
    }

    public func syncFile(at path: String) throws(FileSystemError) {
        try mutate(.sync, path) { disk, _ throws(FileSystemError) in
            let id = try disk.resolveFile(path, operation: .sync)
            if case .file(var file) = disk.nodes[id] {
                file.durableData = file.data
                disk.nodes[id] = .file(file)
            }
        }
    }

    public func rename(from source: String, to destination: String) throws(FileSystemError) {
        try mutate(.rename, "\(source) -> \(destination)") { disk, _ throws(FileSystemError) in
            try disk.rename(source, destination)
        }
    }

    public func syncDirectory(at path: String) throws(FileSystemError) {
        try mutate(.syncDirectory, path) { disk, _ throws(FileSystemError) in
            let id = try disk.resolveDirectory(path, operation: .syncDirectory)
            if case .directory(var directory) = disk.nodes[id] {
                directory.durableEntries = directory.entries
                disk.nodes[id] = .directory(directory)
            }
        }
    }

    public func readFile(at path: String) throws(FileSystemError) -> [UInt8] {
        try state.withLock { disk throws(FileSystemError) in
            try disk.checkPower(.read, path)
            try disk.checkDeadPrefix(.read, path)
            let id = try disk.resolveFile(path, operation: .read)
            guard case .file(let file) = disk.nodes[id] else {
                throw FileSystemError(operation: .read, path: path, errno: ErrnoCode.isDirectory)
            }
            return file.data
        }
    }

    public func listDirectory(at path: String) throws(FileSystemError) -> [String] {
        try state.withLock { disk throws(FileSystemError) in
            try disk.checkPower(.list, path)
            try disk.checkDeadPrefix(.list, path)
            let id = try disk.resolveDirectory(path, operation: .list)
            guard case .directory(let directory) = disk.nodes[id] else { return [] }
            return Array(directory.entries.keys)
        }
    }

    public func removeFile(at path: String) throws(FileSystemError) {
        try mutate(.remove, path) { disk, _ throws(FileSystemError) in
            try disk.remove(path)
        }
    }

    public func createDirectory(at path: String, mode: UInt16) throws(FileSystemError) {
        try mutate(.createDirectory, path) { disk, _ throws(FileSystemError) in
            try disk.createDirectories(path, mode: mode)
        }
    }

    /// File mode of a file or directory (0o600 for files, the requested mode for directories).
    public func mode(at path: String) throws(FileSystemError) -> UInt16 {
        try state.withLock { disk throws(FileSystemError) in
            let id = try disk.resolve(path, operation: .read)
            switch disk.nodes[id] {
            case .directory(let directory): return directory.mode
            default: return 0o600
            }
        }
    }

    // MARK: - Fault dispatch

    /// Numbers the operation, applies an injected fault or runs `body` with the fault (`cut`
    /// is left to the body, which alone knows how to do half of its work).
    private func mutate(
        _ operation: FileSystemError.Operation,
        _ path: String,
        _ body: (inout VirtualDisk, InjectedFault?) throws(FileSystemError) -> Void
    ) throws(FileSystemError) {
        try state.withLock { disk throws(FileSystemError) in
            let index = disk.operationCount
            disk.operationCount += 1
            try disk.checkPower(operation, path)
            try disk.checkDeadPrefix(operation, path)
            let fault = disk.faults.removeValue(forKey: index)
            switch fault {
            case .powerLoss?:
                disk.poweredOff = true
                try disk.checkPower(operation, path)
            case .fail(let code)?:
                throw FileSystemError(operation: operation, path: path, errno: code)
            case .cut(let code)? where operation != .write:
                throw FileSystemError(operation: operation, path: path, errno: code)
            case .cut?, nil:
                try body(&disk, fault)
            }
        }
    }
}
