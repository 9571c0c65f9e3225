/// Failures of the local store as a whole, with what to do about them.
public enum LocalStoreError: Error, Sendable, CustomStringConvertible {
    case fileSystem(FileSystemError)
    case catalog(path: String, underlying: String)
    case invalidConfiguration(String)
    case invalidSnapshot(String)
    case notFound(sequence: UInt64)
    case corrupt(SnapshotCorruption)

    public var description: String {
        switch self {
        case .fileSystem(let error):
            return "local snapshot store: \(error)"
        case .catalog(let path, let underlying):
            return "snapshot catalog \(path): \(underlying). The catalog is rebuilt from the snapshot files: "
                + "if this persists, stop casa-backupd, move the catalog file aside and start again"
        case .invalidConfiguration(let message):
            return "local store configuration: \(message)"
        case .invalidSnapshot(let message):
            return "snapshot rejected: \(message)"
        case .notFound(let sequence):
            return "snapshot #\(sequence) is not in the local store (pruned or never written)"
        case .corrupt(let corruption):
            return corruption.description
        }
    }
}
