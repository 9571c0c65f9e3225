/// Why an encrypted frame could not be read or written. Every receive-side error is fatal:
/// the decoder refuses further input and the connection must be closed.
public enum FrameError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A message longer than 65535 bytes cannot be framed.
    case messageTooLarge(Int)
    /// The 18-byte length header or a body of the announced size was not supplied exactly.
    case wrongLength(part: String, expected: Int, got: Int)
    /// The encrypted length header failed authentication.
    case badHeaderTag
    /// The encrypted message body failed authentication.
    case badBodyTag
    /// A header or body was supplied when the other was expected.
    case outOfOrder(String)
    /// An earlier error poisoned this decoder.
    case closedAfterError

    public var description: String {
        switch self {
        case .messageTooLarge(let n):
            return "a Lightning message is at most 65535 bytes, this one is \(n)"
        case .wrongLength(let part, let expected, let got):
            return "encrypted frame \(part) must be \(expected) bytes, got \(got): the connection was cut mid-message"
        case .badHeaderTag:
            return "encrypted frame length failed authentication: the stream is corrupt or not from this peer; connection closed"
        case .badBodyTag:
            return "encrypted frame body failed authentication: the stream is corrupt or not from this peer; connection closed"
        case .outOfOrder(let what):
            return "frame decoder used out of order: \(what)"
        case .closedAfterError:
            return "the connection already failed; open a new one"
        }
    }
}
