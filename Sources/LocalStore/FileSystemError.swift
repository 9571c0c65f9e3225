/// A file-system operation failed. `errno` is the POSIX error (or the injected one).
public struct FileSystemError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Operation: String, Sendable {
        case write, sync, rename, syncDirectory = "sync directory", read, list, remove
        case createDirectory = "create directory"
    }

    public let operation: Operation
    public let path: String
    public let errno: Int32
    /// Set by `FaultInjectingFileSystem` once it has simulated a power loss: every later call fails.
    public let powerLost: Bool

    public init(operation: Operation, path: String, errno: Int32, powerLost: Bool = false) {
        self.operation = operation
        self.path = path
        self.errno = errno
        self.powerLost = powerLost
    }

    public var isNotFound: Bool { errno == ErrnoCode.noEntry }

    public var description: String {
        if powerLost { return "\(operation.rawValue) \(path): the (simulated) machine has lost power" }
        return "\(operation.rawValue) \(path) failed: \(ErrnoCode.describe(errno)); check that the disk is mounted, "
            + "writable by this user and not full"
    }
}
