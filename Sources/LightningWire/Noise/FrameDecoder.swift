/// Decrypts incoming BOLT 8 frames. Two ways to drive it:
/// - exact reads: `bodyByteCount(forHeader:)` on 18 bytes, then `message(fromBody:)` on the
///   announced number of bytes (what a socket reader does);
/// - a byte stream: `append(_:)` any chunks, then `nextMessage()` until it returns nil.
///
/// Any error is final: the decoder refuses everything afterwards (`closedAfterError`),
/// because a stream that failed once cannot be resynchronised.
public struct FrameDecoder: Sendable {
    public static let headerByteCount = 18
    public static let tagByteCount = 16

    private enum Expecting: Sendable { case header, body(Int), failed }

    private var cipher: CipherState
    private var expecting = Expecting.header
    private var buffer: [UInt8] = []

    public init(cipher: CipherState) {
        self.cipher = cipher
    }

    /// Whether a header is expected next (no message is half-read).
    public var isAtMessageBoundary: Bool {
        if case .header = expecting, buffer.isEmpty { return true }
        return false
    }

    /// Decrypts the 18-byte header and returns how many body bytes to read next (len + 16).
    public mutating func bodyByteCount(forHeader header: [UInt8]) throws -> Int {
        guard case .header = expecting else { throw misuse(got: "header") }
        guard header.count == Self.headerByteCount else {
            throw poison(.wrongLength(part: "header", expected: Self.headerByteCount, got: header.count))
        }
        guard let length = try? cipher.decrypt(header), length.count == 2 else { throw poison(.badHeaderTag) }
        let count = (Int(length[0]) << 8 | Int(length[1])) + Self.tagByteCount
        expecting = .body(count)
        return count
    }

    /// Decrypts a body of exactly the size announced by the last header; returns type ‖ payload.
    public mutating func message(fromBody body: [UInt8]) throws -> [UInt8] {
        guard case .body(let count) = expecting else { throw misuse(got: "body") }
        guard body.count == count else { throw poison(.wrongLength(part: "body", expected: count, got: body.count)) }
        guard let message = try? cipher.decrypt(body) else { throw poison(.badBodyTag) }
        expecting = .header
        return message
    }

    /// Buffers bytes received from the stream.
    public mutating func append(_ bytes: [UInt8]) throws {
        if case .failed = expecting { throw FrameError.closedAfterError }
        buffer += bytes
    }

    /// The next complete message from the buffered bytes, or nil if more bytes are needed.
    public mutating func nextMessage() throws -> [UInt8]? {
        while true {
            switch expecting {
            case .failed:
                throw FrameError.closedAfterError
            case .header:
                guard buffer.count >= Self.headerByteCount else { return nil }
                let header = Array(buffer.prefix(Self.headerByteCount))
                buffer.removeFirst(Self.headerByteCount)
                _ = try bodyByteCount(forHeader: header)
            case .body(let count):
                guard buffer.count >= count else { return nil }
                let body = Array(buffer.prefix(count))
                buffer.removeFirst(count)
                return try message(fromBody: body)
            }
        }
    }

    private mutating func poison(_ error: FrameError) -> FrameError {
        expecting = .failed
        buffer = []
        return error
    }

    private mutating func misuse(got part: String) -> FrameError {
        if case .failed = expecting { return .closedAfterError }
        return poison(.outOfOrder("got a \(part) when the \(part == "header" ? "body" : "header") was due"))
    }
}
