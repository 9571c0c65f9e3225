import Foundation

/// One line of `casa-recover list`: a snapshot and whether it opened.
public struct SnapshotEntry: Sendable {
    public var reference: SnapshotReference
    public var opened: OpenedSnapshot?
    /// Why it did not open (damaged, another seed, …), or nil.
    public var problem: String?
    /// Things to know even though it opened (a content-hash mismatch, an older counter than an earlier snapshot).
    public var warnings: [String] = []
    /// True when it did not open because another seed made it.
    public var notThisSeed = false

    /// The time shown: when it was stored, else when it was sealed.
    public var time: Date? { reference.storedAt ?? opened?.createdAt }
}
