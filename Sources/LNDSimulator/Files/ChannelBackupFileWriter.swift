import Foundation

/// Writes `channel.backup` the way lnd's `chanbackup.MultiFile.UpdateAndSwap` does
/// (docs/lnd.md §1.4): remove a stale `temp-dont-use.backup`, write the packed Multi to it and
/// fsync, copy the previous file to `chan-backup-archives/channel.backup-YYYY-MM-DD-HH-MM-SS`
/// (directory 0700) and fsync the copy, then rename the temp file over `channel.backup`.
/// Like lnd, it does not fsync the directory. Files are created like Go's `os.Create`: mode
/// 0666 less the umask (D19; lnd chanbackup/backupfile.go:112, 223).
struct ChannelBackupFileWriter {
    let path: URL

    var temporaryPath: URL { path.deletingLastPathComponent().appendingPathComponent("temp-dont-use.backup") }
    var archiveDirectory: URL { path.deletingLastPathComponent().appendingPathComponent("chan-backup-archives") }

    func updateAndSwap(_ packedMulti: [UInt8], now: Date = Date()) throws {
        if PosixFile.exists(temporaryPath) {
            try FileManager.default.removeItem(at: temporaryPath)
        }
        try PosixFile.writeAndSync(packedMulti, to: temporaryPath, mode: 0o666)
        if let previous = PosixFile.read(path) {
            try FileManager.default.createDirectory(
                at: archiveDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let archive = archiveDirectory.appendingPathComponent("channel.backup-\(ChannelBackupFileWriter.archiveStamp(now))")
            try PosixFile.writeAndSync(previous, to: archive, mode: 0o666)
        }
        try PosixFile.renameItem(temporaryPath, to: path)
    }

    /// Go's `time.Now().Format("2006-01-02-15-04-05")`, in local time like lnd.
    static func archiveStamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd-HH-mm-ss"
        return formatter.string(from: date)
    }
}
