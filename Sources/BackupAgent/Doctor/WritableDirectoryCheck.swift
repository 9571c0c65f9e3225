import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The agent can write where it keeps its copies: a probe file is created (exclusively, 0600),
/// written, fsynced and removed, and the folder fsynced. Snapshot files are never touched.
public struct WritableDirectoryCheck: DoctorCheck {
    public let name: String
    /// nil: not configured (the USB copy is optional).
    let path: String?
    /// What the folder is, for the messages.
    let what: String

    public init(name: String, path: String?, what: String) {
        self.name = name
        self.path = path
        self.what = what
    }

    public static func stateDirectory(_ configuration: AgentConfiguration) -> WritableDirectoryCheck {
        WritableDirectoryCheck(name: "state-dir", path: configuration.stateDirectory, what: "state_dir")
    }

    public static func secondCopy(_ configuration: AgentConfiguration) -> WritableDirectoryCheck {
        WritableDirectoryCheck(name: "usb-copy", path: configuration.secondCopyDirectory, what: "second_copy_dir")
    }

    public func run() async -> DoctorResult {
        guard let path else {
            return .ok(name, "\(what) not configured (optional second copy, e.g. a USB stick)")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .fail(name, "\(what) \(path) does not exist", fix: what == "second_copy_dir"
                ? "mount the USB stick at \(path) (and add it to the agent's ReadWritePaths= if systemd runs it), or remove second_copy_dir"
                : "create it for the agent's user (`install -d -m 0700 -o <agent user> \(path)`), or run `casa-backupd enroll`")
        }
        guard isDirectory.boolValue else {
            return .fail(name, "\(what) \(path) is not a folder", fix: "point \(what) at a folder")
        }
        if let problem = Self.probe(path) {
            return .fail(name, "cannot write in \(what) \(path): \(problem)", fix: Self.fix(problem, path: path))
        }
        return .ok(name, "\(path) is writable (probe file created, fsynced, removed)")
    }

    static func fix(_ problem: String, path: String) -> String {
        if problem.contains("Read-only") {
            return "the file system is read-only for the agent: remount it read-write, and when systemd runs the agent add \(path) to ReadWritePaths= in its unit"
        }
        return "give the agent's user write access (`chown <agent user> \(path)`, mode 0700), and when systemd runs the agent list \(path) in ReadWritePaths="
    }

    /// nil when a probe file could be created, written, fsynced and removed; otherwise why not.
    static func probe(_ directory: String) -> String? {
        let file = directory + "/.casa-doctor-probe-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(file, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return "create: " + String(cString: strerror(errno)) }
        var problem: String? = nil
        let byte: [UInt8] = [0x0a]
        if write(fd, byte, 1) != 1 { problem = "write: " + String(cString: strerror(errno)) }
        if problem == nil, fsync(fd) != 0 { problem = "fsync: " + String(cString: strerror(errno)) }
        close(fd)
        if unlink(file) != 0, problem == nil { problem = "remove: " + String(cString: strerror(errno)) }
        let folder = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            if fsync(folder) != 0, problem == nil { problem = "fsync of the folder: " + String(cString: strerror(errno)) }
            close(folder)
        }
        return problem
    }
}
