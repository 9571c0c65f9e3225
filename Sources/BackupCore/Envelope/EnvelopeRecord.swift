/// The plaintext record: kind ‖ u64 created_at ‖ u32 length ‖ payload ‖ zero padding
/// (docs/envelope.md §4).
enum EnvelopeRecord {
    static let headerByteCount = 13

    /// Writes the record over `out[offset...]`, which must be zeros (the padding) and long enough;
    /// it is then sealed where it lies.
    static func write(_ payload: EnvelopePayload, into out: inout [UInt8], at offset: Int) {
        var header = [payload.kind.rawValue]
        BinaryFields.appendUInt64(payload.createdAt, to: &header)
        BinaryFields.appendUInt32(UInt32(payload.bytes.count), to: &header)
        BinaryFields.copy(header, into: &out, at: offset)
        BinaryFields.copy(payload.bytes, into: &out, at: offset + headerByteCount)
    }

    /// Decodes and checks a record (docs/envelope.md §7, checks 9–10).
    static func decode(_ record: [UInt8]) throws -> EnvelopePayload {
        guard record.count >= headerByteCount, record[0] != 0 else { throw EnvelopeError.badRecord }
        let length = Int(BinaryFields.readUInt32(record, at: 9))
        guard length <= record.count - headerByteCount else { throw EnvelopeError.badRecord }
        let end = headerByteCount + length
        guard record[end...].allSatisfy({ $0 == 0 }) else { throw EnvelopeError.badPadding }
        return EnvelopePayload(
            kind: PayloadKind(rawValue: record[0]),
            createdAt: BinaryFields.readUInt64(record, at: 1),
            bytes: Array(record[headerByteCount..<end])
        )
    }
}
