/// Splits a byte stream into `\n`-terminated lines, whatever the chunk boundaries
/// (lnd's gateway writes one JSON object plus "\n" per message, but TCP and chunked
/// encoding may cut anywhere, including inside a UTF-8 sequence).
struct NDJSONLineSplitter {
    /// A line longer than this is refused instead of growing without bound.
    let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var scanned = 0

    init(maxLineBytes: Int = 64 << 20) {
        self.maxLineBytes = maxLineBytes
    }

    mutating func append(_ chunk: [UInt8]) {
        buffer += chunk
    }

    /// The next complete line without its terminator (and without a trailing "\r"), or nil if none yet.
    mutating func nextLine() throws(LNDError) -> [UInt8]? {
        if let newline = buffer[scanned...].firstIndex(of: 0x0a) {
            var line = Array(buffer[..<newline])
            buffer.removeSubrange(...newline)
            scanned = 0
            if line.last == 0x0d { line.removeLast() }
            return line
        }
        scanned = buffer.count
        guard buffer.count <= maxLineBytes else {
            throw .malformedStream("a line longer than \(maxLineBytes) bytes")
        }
        return nil
    }

    /// Bytes after the last newline (a stream that ended mid-line leaves them here).
    var remainder: [UInt8] { buffer }
}
