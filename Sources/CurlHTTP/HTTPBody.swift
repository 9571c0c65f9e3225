public import Sodium

/// A request body. Secret bodies (a wallet password inside JSON) stay in libsodium secure
/// memory until libcurl reads them, so no unzeroed copy is left on the Swift heap.
public enum HTTPBody: Sendable {
    case empty
    case bytes([UInt8])
    case secret(SecureBytes)

    var count: Int {
        switch self {
        case .empty: return 0
        case .bytes(let bytes): return bytes.count
        case .secret(let secret): return secret.count
        }
    }

    /// Copies up to `buffer.count` bytes starting at `offset`; returns how many were copied.
    func copy(from offset: Int, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let n = Swift.min(buffer.count, count - offset)
        guard n > 0, let destination = buffer.baseAddress else { return 0 }
        switch self {
        case .empty:
            return 0
        case .bytes(let bytes):
            bytes.withUnsafeBytes { source in
                destination.copyMemory(from: source.baseAddress! + offset, byteCount: n)
            }
        case .secret(let secret):
            secret.withUnsafeBytes { source in
                destination.copyMemory(from: source.baseAddress! + offset, byteCount: n)
            }
        }
        return n
    }
}
