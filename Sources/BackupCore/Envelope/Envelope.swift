import BlobStorage
import Sodium

/// Our envelope (docs/envelope.md): XChaCha20-Poly1305 under the backup root's envelope key,
/// bound to an account, a blob name and a counter that only goes up, padded to size buckets.
public enum Envelope {
    /// Seals `payload` as version `counter` of `blob` in `account`, with a fresh random nonce.
    /// Use a counter above every counter used before for this blob (docs/envelope.md §6).
    ///
    /// With `reservingPrefix`, the result starts with that many zero bytes and the envelope
    /// follows them: room for a file header (the local store's), so that the envelope is built
    /// where it will be written, with no copy of the (up to 16 MiB) snapshot afterwards.
    public static func seal(
        _ payload: EnvelopePayload, counter: UInt64, account: AccountID, blob: BlobName, key: EnvelopeKey,
        reservingPrefix prefix: Int = 0
    ) throws -> [UInt8] {
        try seal(payload, counter: counter, account: account, blob: blob, key: key,
                 nonce: Random.bytes(XChaCha20Poly1305.nonceByteCount), reservingPrefix: prefix)
    }

    /// Deterministic sealing for test vectors only: a nonce must never repeat under one key.
    /// The record is written once, into the output, and encrypted where it lies.
    static func seal(
        _ payload: EnvelopePayload, counter: UInt64, account: AccountID, blob: BlobName, key: EnvelopeKey, nonce: [UInt8],
        reservingPrefix prefix: Int = 0
    ) throws -> [UInt8] {
        guard payload.kind.rawValue != 0 else { throw EnvelopeError.invalidKind }
        guard let blob = blob.digest else { throw EnvelopeError.underivedBlobName(blob.rawValue) }
        let total = try EnvelopeSize.total(forPayload: payload.bytes.count, version: payload.formatVersion)
        let header = EnvelopeHeader(version: payload.formatVersion, keyID: key.keyID, counter: counter, binding: key.binding(account: account, blob: blob), nonce: nonce)
        let headerBytes = header.bytes
        // One zeroed buffer: room, header, record (padding included), tag.
        let start = max(0, prefix)
        var out = [UInt8](repeating: 0, count: start + total)
        BinaryFields.copy(headerBytes, into: &out, at: start)
        let record = start + EnvelopeHeader.byteCount..<start + total - XChaCha20Poly1305.tagByteCount
        EnvelopeRecord.write(payload, into: &out, at: record.lowerBound)
        try XChaCha20Poly1305.sealInPlace(
            &out, message: record, associatedData: headerBytes + account.bytes + blob, nonce: nonce, key: key.aead)
        return out
    }

    /// Opens an envelope expected to be a version of `blob` in `account`, checking everything in
    /// the order of docs/envelope.md §7. `notOlderThan` is the highest counter already seen for
    /// this blob (0 if none); a lower counter is a `rollback`.
    public static func open(
        _ envelope: [UInt8], account: AccountID, blob: BlobName, key: EnvelopeKey, notOlderThan minimumCounter: UInt64 = 0
    ) throws -> OpenedEnvelope {
        guard let blob = blob.digest else { throw EnvelopeError.underivedBlobName(blob.rawValue) }
        let header = try EnvelopeHeader(parsing: envelope)
        guard ConstantTime.equals(header.keyID, key.keyID) else { throw EnvelopeError.wrongKey }
        guard ConstantTime.equals(header.binding, key.binding(account: account, blob: blob)) else { throw EnvelopeError.wrongBinding }
        let headerBytes = Array(envelope[0..<EnvelopeHeader.byteCount])
        let record: [UInt8]
        do {
            record = try XChaCha20Poly1305.open(
                Array(envelope[EnvelopeHeader.byteCount...]), associatedData: headerBytes + account.bytes + blob,
                nonce: header.nonce, key: key.aead)
        } catch SodiumError.authenticationFailed {
            throw EnvelopeError.authenticationFailed
        }
        let payload = try EnvelopeRecord.decode(record, version: header.version)
        guard header.counter >= minimumCounter else { throw EnvelopeError.rollback(seen: minimumCounter, got: header.counter) }
        return OpenedEnvelope(payload: payload, counter: header.counter, version: header.version)
    }
}
