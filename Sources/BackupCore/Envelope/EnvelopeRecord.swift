/// The plaintext record: kind ‖ u64 created_at ‖ u32 length ‖ payload ‖ zero padding
/// (docs/envelope.md §4).
enum EnvelopeRecord {
    static let headerByteCount = 13

    static func encode(_ payload: EnvelopePayload, paddedTo count: Int) -> [UInt8] {
        var out = [payload.kind.rawValue]
        out.reserveCapacity(count)
        BinaryFields.appendUInt64(payload.createdAt, to: &out)
        BinaryFields.appendUInt32(UInt32(payload.bytes.count), to: &out)
        out += payload.bytes
        out += [UInt8](repeating: 0, count: count - out.count)
        return out
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
