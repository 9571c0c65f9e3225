#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The POSIX error numbers the store and the fault injector use, in one place.
public enum ErrnoCode {
    public static let noEntry: Int32 = ENOENT
    public static let io: Int32 = EIO
    public static let noSpace: Int32 = ENOSPC
    public static let exists: Int32 = EEXIST
    public static let notDirectory: Int32 = ENOTDIR
    public static let isDirectory: Int32 = EISDIR
    public static let interrupted: Int32 = EINTR
    public static let invalidArgument: Int32 = EINVAL

    /// strerror text, e.g. "No space left on device".
    public static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text) + " (errno \(code))"
    }
}
