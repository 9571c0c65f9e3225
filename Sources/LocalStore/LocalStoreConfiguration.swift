/// Where and how the agent keeps its local snapshots.
public struct LocalStoreConfiguration: Sendable {
    /// Directory of the primary snapshot files (created 0700).
    public var snapshotDirectory: String
    /// The SQLite catalog file (created 0600); usually next to the snapshot directory.
    public var catalogPath: String
    /// Optional second copy, e.g. on a USB stick; its failures never block the primary.
    public var secondaryDirectory: String?
    /// Intact versions kept in each directory (at least 1).
    public var keepVersions: Int
    public var uploadBackoff: UploadBackoff
    public var fileSystem: any FileSystem

    public init(
        snapshotDirectory: String,
        catalogPath: String,
        secondaryDirectory: String? = nil,
        keepVersions: Int = 10,
        uploadBackoff: UploadBackoff = UploadBackoff(),
        fileSystem: any FileSystem = POSIXFileSystem()
    ) {
        self.snapshotDirectory = snapshotDirectory
        self.catalogPath = catalogPath
        self.secondaryDirectory = secondaryDirectory
        self.keepVersions = keepVersions
        self.uploadBackoff = uploadBackoff
        self.fileSystem = fileSystem
    }

    /// The usual layout under one state directory: `<state>/snapshots` and `<state>/catalog.sqlite`.
    public init(stateDirectory: String, secondaryDirectory: String? = nil, keepVersions: Int = 10,
                uploadBackoff: UploadBackoff = UploadBackoff()) {
        self.init(
            snapshotDirectory: FilePath.join(stateDirectory, "snapshots"),
            catalogPath: FilePath.join(stateDirectory, "catalog.sqlite"),
            secondaryDirectory: secondaryDirectory,
            keepVersions: keepVersions,
            uploadBackoff: uploadBackoff
        )
    }

    func validate() throws(LocalStoreError) {
        guard keepVersions >= 1 else {
            throw .invalidConfiguration("keep_versions must be at least 1 (it is \(keepVersions))")
        }
        for path in [snapshotDirectory, catalogPath] + (secondaryDirectory.map { [$0] } ?? []) where !path.hasPrefix("/") {
            throw .invalidConfiguration("\(path) must be an absolute path")
        }
        if let secondaryDirectory, secondaryDirectory == snapshotDirectory {
            throw .invalidConfiguration("the secondary directory must differ from the snapshot directory")
        }
    }
}
