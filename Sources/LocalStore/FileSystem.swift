/// The few file-system operations the local store needs, so that the store can run on the real
/// disk (`POSIXFileSystem`) or on a simulated one that fails, cuts and loses power on command
/// (`FaultInjectingFileSystem`). Paths are absolute strings.
///
/// Durability is explicit: `writeFile` and `rename` only change what a running process sees;
/// they survive a power loss only after `syncFile` (for the data) and `syncDirectory` (for the
/// name) of the directory that holds them.
public protocol FileSystem: Sendable {
    /// Creates or truncates the file (mode 0600) and writes all of `bytes`. Not durable yet.
    func writeFile(at path: String, bytes: [UInt8]) throws(FileSystemError)

    /// Makes the file's data durable (fsync).
    func syncFile(at path: String) throws(FileSystemError)

    /// Atomically replaces `destination` with `source` (rename(2)). Not durable until the
    /// directory holding both is synced.
    func rename(from source: String, to destination: String) throws(FileSystemError)

    /// Makes the directory's entries (creations, renames, removals) durable (fsync of the directory).
    func syncDirectory(at path: String) throws(FileSystemError)

    /// Reads the whole file.
    func readFile(at path: String) throws(FileSystemError) -> [UInt8]

    /// Names (not paths) of the entries of a directory, in no particular order.
    func listDirectory(at path: String) throws(FileSystemError) -> [String]

    /// Removes a file; removing a file that does not exist is not an error.
    func removeFile(at path: String) throws(FileSystemError)

    /// Creates the directory and any missing parents with `mode` (e.g. 0o700); an existing
    /// directory is not an error.
    func createDirectory(at path: String, mode: UInt16) throws(FileSystemError)

    /// Writes the file and makes its data durable: `writeFile` then `syncFile`. Real file systems
    /// override this to do both through one descriptor.
    func writeFileDurably(at path: String, bytes: [UInt8]) throws(FileSystemError)

    /// Like `writeFile`, and asks the system to start writing the data to the disk now, so that
    /// a later `syncFile` finds less to wait for. Not durable: only a hint (the default does nothing more).
    func writeFileStartingWriteback(at path: String, bytes: [UInt8]) throws(FileSystemError)

    /// Overwrites `bytes.count` bytes of an existing file at `offset` (which the file already
    /// covers), without truncating it. Not durable yet.
    func patchFile(at path: String, offset: Int, bytes: [UInt8]) throws(FileSystemError)

    /// `patchFile` then `syncFile`; real file systems do both through one descriptor.
    func patchFileDurably(at path: String, offset: Int, bytes: [UInt8]) throws(FileSystemError)
}

extension FileSystem {
    public func writeFileDurably(at path: String, bytes: [UInt8]) throws(FileSystemError) {
        try writeFile(at: path, bytes: bytes)
        try syncFile(at: path)
    }

    public func writeFileStartingWriteback(at path: String, bytes: [UInt8]) throws(FileSystemError) {
        try writeFile(at: path, bytes: bytes)
    }

    public func patchFileDurably(at path: String, offset: Int, bytes: [UInt8]) throws(FileSystemError) {
        try patchFile(at: path, offset: offset, bytes: bytes)
        try syncFile(at: path)
    }
}
