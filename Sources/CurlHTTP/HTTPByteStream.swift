/// The body of a streaming response, as byte chunks in arrival order (boundaries are arbitrary).
/// Single-pass: once its iterator is released (the loop ended, by `break` or otherwise) or
/// `cancel()` is called, the transfer is aborted and the connection closed.
public struct HTTPByteStream: AsyncSequence, Sendable {
    public typealias Element = [UInt8]

    private let chunks: AsyncThrowingStream<[UInt8], any Error>
    private let abort: @Sendable () -> Void

    init(chunks: AsyncThrowingStream<[UInt8], any Error>, abort: @escaping @Sendable () -> Void) {
        self.chunks = chunks
        self.abort = abort
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        private var base: AsyncThrowingStream<[UInt8], any Error>.AsyncIterator
        private let releaseGuard: AbortOnRelease

        init(base: AsyncThrowingStream<[UInt8], any Error>.AsyncIterator, abort: @escaping @Sendable () -> Void) {
            self.base = base
            releaseGuard = AbortOnRelease(abort)
        }

        public mutating func next() async throws -> [UInt8]? {
            try await base.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: chunks.makeAsyncIterator(), abort: abort)
    }

    /// Aborts the transfer; a pending `next()` ends (with CancellationError) soon after.
    public func cancel() {
        abort()
    }
}

/// Aborts the transfer when the last copy of an iterator goes away.
private final class AbortOnRelease: Sendable {
    private let abort: @Sendable () -> Void

    init(_ abort: @escaping @Sendable () -> Void) {
        self.abort = abort
    }

    deinit {
        abort()
    }
}
