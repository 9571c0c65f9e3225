#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Asks Linux to start writing a file's dirty pages to the disk now (`sync_file_range` with
/// SYNC_FILE_RANGE_WRITE), so that the `fsync` that follows finds the data already on its way.
/// A hint only: it makes nothing durable and its failure is ignored (the `fsync` reports errors).
/// Elsewhere it does nothing. `sync_file_range` is a GNU extension the Swift Glibc module does not
/// import, so it is looked up once by name.
enum WritebackHint {
    static func start(_ fd: Int32) {
        #if os(Linux)
        _ = syncFileRange?(fd, 0, 0, writeFlag)
        #endif
    }

    #if os(Linux)
    private typealias SyncFileRange = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32
    /// SYNC_FILE_RANGE_WRITE (linux/fs.h): start writeback of the dirty pages, do not wait.
    private static let writeFlag: UInt32 = 2
    private static let syncFileRange: SyncFileRange? = {
        guard let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "sync_file_range") else { return nil }
        return unsafeBitCast(symbol, to: SyncFileRange.self)
    }()
    #endif
}
