import Synchronization

/// What the SQLite put batches read about accounts and devices, kept from one group commit to the
/// next so a put reads neither row again (docs/vault-api.md "Group commit").
///
/// Only committed state goes in: a batch merges what it learned after its COMMIT, on the writer
/// connection. Any other write of this process to what it holds (keys, the disabled switch,
/// devices, usage) empties the cache inside its own write (it holds the writer, so no batch runs
/// in between); a write by another process (`casa-vault account
/// disable` on the same file) shows as a new `PRAGMA data_version` at the next batch, which
/// empties it too. A revoked device or disabled account is therefore never served from a stale
/// entry. Bounded: past `capacity` accounts it starts over.
final class SQLiteAuthCache: Sendable {
    struct Account: Sendable {
        let access: AccountAccess
        var usedBytes: Int64
    }

    struct Device: Hashable, Sendable {
        let account: String
        let key: [UInt8]
    }

    struct Entries: Sendable {
        var accounts: [String: Account] = [:]
        /// nil: the key is no device of the account.
        var devices: [Device: Bool?] = [:]
        /// Bytes of kept versions each device uploaded (its quota), when read.
        var deviceUsage: [Device: Int64] = [:]
        var dataVersion: Int64?
    }

    static let capacity = 10_000

    private let entries = Mutex(Entries())

    /// The entries for the next batch, emptied first if another process wrote since the last one.
    func snapshot(dataVersion: Int64) -> Entries {
        entries.withLock { entries in
            if entries.dataVersion != dataVersion { entries = Entries(dataVersion: dataVersion) }
            return entries
        }
    }

    /// Keeps what a committed batch learned (call on the writer, after the COMMIT).
    func keep(_ learned: Entries) {
        entries.withLock { entries in
            guard learned.dataVersion == entries.dataVersion,
                  learned.accounts.count <= Self.capacity, learned.devices.count <= Self.capacity else {
                entries = Entries()
                return
            }
            entries = learned
        }
    }

    /// Forgets everything (call inside any other write of this process).
    func clear() {
        entries.withLock { $0 = Entries() }
    }
}
