import LocalStore

/// What a simulated power loss does to everything that was not yet made durable. Real disks
/// and file systems differ (ext4 data=ordered keeps most renames, delayed allocation leaves
/// zero-length files, a torn page mixes old and new blocks), so crash tests try every policy.
public struct CrashPolicy: Sendable, Hashable, CustomStringConvertible {
    /// File data written since the file's last fsync.
    public enum UnsyncedData: String, Sendable, CaseIterable {
        /// Back to the content at the last fsync (empty if never synced).
        case lost
        /// The first half of the new content over the old content (a torn write).
        case torn
        /// The new content survives (the kernel happened to write it back in time).
        case kept
    }

    /// Directory entries (creations, renames, removals) since the directory's last fsync.
    public enum UnsyncedNames: String, Sendable, CaseIterable {
        /// Back to the entries at the last directory fsync.
        case undone
        /// The changes survive (the journal happened to commit them).
        case kept
    }

    public var data: UnsyncedData
    public var names: UnsyncedNames

    public init(data: UnsyncedData, names: UnsyncedNames) {
        self.data = data
        self.names = names
    }

    /// The harshest case: only what was explicitly fsynced survives.
    public static let onlySynced = CrashPolicy(data: .lost, names: .undone)

    /// Every combination, for sweeps.
    public static let all: [CrashPolicy] = UnsyncedData.allCases.flatMap { data in
        UnsyncedNames.allCases.map { CrashPolicy(data: data, names: $0) }
    }

    public var description: String { "data \(data.rawValue), names \(names.rawValue)" }

    /// The content a file has after the power loss.
    func survivingData(volatile: [UInt8], durable: [UInt8]) -> [UInt8] {
        switch data {
        case .lost: return durable
        case .kept: return volatile
        case .torn:
            guard volatile != durable else { return durable }
            let half = volatile.count / 2
            let oldTail = durable.count > half ? Array(durable[half..<min(durable.count, volatile.count)]) : []
            return Array(volatile[0..<half]) + oldTail
        }
    }
}
