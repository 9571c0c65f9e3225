/// Who wrote a snapshot and whose history it continues (docs/envelope.md §4.1), sealed inside
/// version 2 envelopes so that neither the vault nor a copy on disk can change it.
///
/// `parent` is the writer whose newest snapshot this writer found when it started, and
/// continued above; nil for a writer that found no history. Recovery uses it to tell a writer
/// that took over (a restart, a re-enrollment, a new device) from one that wrote beside another
/// (a cloned disk, an old box brought back), which must be shown to the owner.
public struct SnapshotLineage: Hashable, Sendable {
    public var writer: WriterID
    public var parent: WriterID?

    public init(writer: WriterID, parent: WriterID?) {
        self.writer = writer
        self.parent = parent
    }

    /// The 16 bytes of the record: writer ‖ parent (zeros for none).
    var bytes: [UInt8] {
        writer.bytes + (parent?.bytes ?? [UInt8](repeating: 0, count: WriterID.byteCount))
    }

    /// Reads the 16 bytes; an all-zero writer is invalid (a zero parent means none).
    init?(bytes: ArraySlice<UInt8>) {
        guard bytes.count == 2 * WriterID.byteCount else { return nil }
        let writerBytes = Array(bytes.prefix(WriterID.byteCount))
        let parentBytes = Array(bytes.suffix(WriterID.byteCount))
        guard writerBytes.contains(where: { $0 != 0 }), let writer = WriterID(bytes: writerBytes) else { return nil }
        self.writer = writer
        parent = parentBytes.allSatisfy { $0 == 0 } ? nil : WriterID(bytes: parentBytes)
    }
}
