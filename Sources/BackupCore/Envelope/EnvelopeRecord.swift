/// The plaintext record (docs/envelope.md §4):
/// - version 1: kind ‖ u64 created_at ‖ u32 length ‖ payload ‖ zero padding;
/// - version 2: kind ‖ u64 created_at ‖ writer (8) ‖ parent (8) ‖ u32 length ‖ payload ‖ zero padding.
enum EnvelopeRecord {
    /// Bytes before the payload in a record of this format version.
    static func headerByteCount(version: UInt8) -> Int {
        version >= 2 ? 29 : 13
    }

    /// Writes the record over `out[offset...]`, which must be zeros (the padding) and long enough;
    /// it is then sealed where it lies.
    static func write(_ payload: EnvelopePayload, into out: inout [UInt8], at offset: Int) {
        var header = [payload.kind.rawValue]
        BinaryFields.appendUInt64(payload.createdAt, to: &header)
        if let lineage = payload.lineage { header += lineage.bytes }
        BinaryFields.appendUInt32(UInt32(payload.bytes.count), to: &header)
        BinaryFields.copy(header, into: &out, at: offset)
        BinaryFields.copy(payload.bytes, into: &out, at: offset + header.count)
    }

    /// Decodes and checks a record (docs/envelope.md §7, checks 9–10).
    static func decode(_ record: [UInt8], version: UInt8) throws -> EnvelopePayload {
        let headerByteCount = headerByteCount(version: version)
        guard record.count >= headerByteCount, record[0] != 0 else { throw EnvelopeError.badRecord }
        var lineage: SnapshotLineage?
        if version >= 2 {
            guard let read = SnapshotLineage(bytes: record[9..<25]) else { throw EnvelopeError.badRecord }
            lineage = read
        }
        let length = Int(BinaryFields.readUInt32(record, at: headerByteCount - 4))
        guard length <= record.count - headerByteCount else { throw EnvelopeError.badRecord }
        let end = headerByteCount + length
        guard record[end...].allSatisfy({ $0 == 0 }) else { throw EnvelopeError.badPadding }
        return EnvelopePayload(
            kind: PayloadKind(rawValue: record[0]),
            createdAt: BinaryFields.readUInt64(record, at: 1),
            bytes: Array(record[headerByteCount..<end]),
            lineage: lineage
        )
    }
}
