import LocalStore

/// The state behind `FaultInjectingFileSystem`: a tree of nodes, each file with its volatile and
/// durable content, each directory with its volatile and durable entries.
struct VirtualDisk {
    typealias NodeID = Int

    static let rootID: NodeID = 0

    var nodes: [NodeID: VirtualNode] = [rootID: .directory(VirtualDirectory(mode: 0o755))]
    var nextID: NodeID = 1
    var operationCount = 0
    var faults: [Int: InjectedFault] = [:]
    var poweredOff = false
    /// Path prefixes whose every operation fails, with the errno (a pulled USB stick).
    var deadPrefixes: [String: Int32] = [:]

    func checkPower(_ operation: FileSystemError.Operation, _ path: String) throws(FileSystemError) {
        if poweredOff { throw FileSystemError(operation: operation, path: path, errno: ErrnoCode.io, powerLost: true) }
    }

    func checkDeadPrefix(_ operation: FileSystemError.Operation, _ path: String) throws(FileSystemError) {
        for (prefix, code) in deadPrefixes where path == prefix || path.hasPrefix(prefix.hasSuffix("/") ? prefix : prefix + "/") {
            throw FileSystemError(operation: operation, path: path, errno: code)
        }
    }

    // MARK: - Lookup

    func resolve(_ path: String, operation: FileSystemError.Operation) throws(FileSystemError) -> NodeID {
        var current = Self.rootID
        for name in FilePath.components(path) {
            guard case .directory(let directory) = nodes[current] else {
                throw FileSystemError(operation: operation, path: path, errno: ErrnoCode.notDirectory)
            }
            guard let child = directory.entries[name] else {
                throw FileSystemError(operation: operation, path: path, errno: ErrnoCode.noEntry)
            }
            current = child
        }
        return current
    }

    func resolveFile(_ path: String, operation: FileSystemError.Operation) throws(FileSystemError) -> NodeID {
        let id = try resolve(path, operation: operation)
        guard case .file = nodes[id] else {
            throw FileSystemError(operation: operation, path: path, errno: ErrnoCode.isDirectory)
        }
        return id
    }

    func resolveDirectory(_ path: String, operation: FileSystemError.Operation) throws(FileSystemError) -> NodeID {
        let id = try resolve(path, operation: operation)
        guard case .directory = nodes[id] else {
            throw FileSystemError(operation: operation, path: path, errno: ErrnoCode.notDirectory)
        }
        return id
    }

    /// The directory holding `path` and the entry name, or a failure naming the operation.
    private func parentAndName(_ path: String, operation: FileSystemError.Operation) throws(FileSystemError) -> (NodeID, String) {
        guard let name = FilePath.components(path).last else {
            throw FileSystemError(operation: operation, path: path, errno: ErrnoCode.isDirectory)
        }
        return (try resolveDirectory(FilePath.parent(of: path), operation: operation), name)
    }

    // MARK: - Mutations (volatile only)

    mutating func createOrTruncateFile(_ path: String) throws(FileSystemError) -> NodeID {
        let (parentID, name) = try parentAndName(path, operation: .write)
        guard case .directory(var parent) = nodes[parentID] else { return parentID }
        if let existing = parent.entries[name] {
            guard case .file = nodes[existing] else {
                throw FileSystemError(operation: .write, path: path, errno: ErrnoCode.isDirectory)
            }
            nodes[existing] = nodes[existing]?.replacingData([])
            return existing
        }
        let id = allocate(.file(VirtualFile(data: [], durableData: [])))
        parent.entries[name] = id
        nodes[parentID] = .directory(parent)
        return id
    }

    mutating func rename(_ source: String, _ destination: String) throws(FileSystemError) {
        let (fromID, fromName) = try parentAndName(source, operation: .rename)
        let (toID, toName) = try parentAndName(destination, operation: .rename)
        guard case .directory(var from) = nodes[fromID], let moving = from.entries[fromName] else {
            throw FileSystemError(operation: .rename, path: source, errno: ErrnoCode.noEntry)
        }
        from.entries[fromName] = nil
        nodes[fromID] = .directory(from)
        guard case .directory(var to) = nodes[toID] else { return }
        to.entries[toName] = moving
        nodes[toID] = .directory(to)
    }

    mutating func remove(_ path: String) throws(FileSystemError) {
        let (parentID, name) = try parentAndName(path, operation: .remove)
        guard case .directory(var parent) = nodes[parentID], let id = parent.entries[name] else { return }
        if case .directory = nodes[id] {
            throw FileSystemError(operation: .remove, path: path, errno: ErrnoCode.isDirectory)
        }
        parent.entries[name] = nil
        nodes[parentID] = .directory(parent)
    }

    mutating func createDirectories(_ path: String, mode: UInt16) throws(FileSystemError) {
        var current = Self.rootID
        for name in FilePath.components(path) {
            guard case .directory(var directory) = nodes[current] else {
                throw FileSystemError(operation: .createDirectory, path: path, errno: ErrnoCode.notDirectory)
            }
            if let child = directory.entries[name] {
                current = child
                continue
            }
            let id = allocate(.directory(VirtualDirectory(mode: mode)))
            directory.entries[name] = id
            nodes[current] = .directory(directory)
            current = id
        }
        guard case .directory = nodes[current] else {
            throw FileSystemError(operation: .createDirectory, path: path, errno: ErrnoCode.notDirectory)
        }
    }

    private mutating func allocate(_ node: VirtualNode) -> NodeID {
        let id = nextID
        nextID += 1
        nodes[id] = node
        return id
    }

    // MARK: - Power loss

    mutating func applyPowerLoss(_ policy: CrashPolicy) {
        for (id, node) in nodes {
            switch node {
            case .file(let file):
                let surviving = policy.survivingData(volatile: file.data, durable: file.durableData)
                nodes[id] = .file(VirtualFile(data: surviving, durableData: surviving))
            case .directory(var directory):
                if policy.names == .undone { directory.entries = directory.durableEntries }
                directory.durableEntries = directory.entries
                nodes[id] = .directory(directory)
            }
        }
    }
}

enum VirtualNode {
    case file(VirtualFile)
    case directory(VirtualDirectory)

    func replacingData(_ data: [UInt8]) -> VirtualNode {
        guard case .file(var file) = self else { return self }
        file.data = data
        return .file(file)
    }
}

struct VirtualFile {
    var data: [UInt8]
    /// The content at the last fsync (what a power loss falls back to).
    var durableData: [UInt8]
}

struct VirtualDirectory {
    var entries: [String: VirtualDisk.NodeID] = [:]
    /// The entries at the last fsync of this directory.
    var durableEntries: [String: VirtualDisk.NodeID] = [:]
    var mode: UInt16

    init(mode: UInt16) {
        self.mode = mode
    }
}
