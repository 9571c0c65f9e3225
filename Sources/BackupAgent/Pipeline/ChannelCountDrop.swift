public import Foundation

/// A snapshot whose channel count fell sharply from the one before it (review M1b): closing
/// many channels at once is rare, and a tampered node or agent that uploads an emptied Multi
/// would look like this. The owner is told, and older snapshots stay in the vault.
public struct ChannelCountDrop: Sendable, Codable, Equatable {
    public var from: Int
    public var to: Int
    public var sequence: UInt64
    public var at: Date

    /// How long `status` keeps showing the warning after the drop.
    public static let shownFor: TimeInterval = 7 * 24 * 3600

    /// A drop is sharp when at least half of the channels (and at least two) went in one step.
    public static func isSharp(from: Int, to: Int) -> Bool {
        from - to >= 2 && to * 2 <= from
    }

    public var warning: String {
        "snapshot #\(sequence) holds \(to) channel(s), down from \(from) (at \(ReportFormat.time(at))). If you did not close these channels, "
            + "this node or its agent may have been tampered with: do not restore the newest snapshot blindly; "
            + "`casa-recover list` shows every snapshot, and the older ones stay in the vault"
    }
}
