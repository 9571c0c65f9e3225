/// Where snapshots come from: the vault, or a local folder / USB copy when the vault is
/// unreachable or lost. Both hand out the same envelope bytes.
public protocol SnapshotSource: Sendable {
    /// For messages: "the vault" or "folder /media/usb/casa".
    var name: String { get }
    /// Every snapshot this source holds, in any order.
    func snapshots() async throws -> [SnapshotReference]
    /// The envelope bytes of one snapshot, after the source's own integrity checks.
    func envelope(_ reference: SnapshotReference) async throws -> [UInt8]
}
