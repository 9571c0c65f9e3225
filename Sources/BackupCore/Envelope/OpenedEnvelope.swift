/// What `Envelope.open` returns: the payload and the authenticated counter. Store the counter
/// as "seen" for the blob, and pass it as `notOlderThan` next time.
public struct OpenedEnvelope: Hashable, Sendable {
    public var payload: EnvelopePayload
    public var counter: UInt64
    /// The format version it was sealed in (1: no writer recorded).
    public var version: UInt8
}
