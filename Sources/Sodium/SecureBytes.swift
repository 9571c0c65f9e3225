internal import CSodium

/// Secret bytes in libsodium secure memory (`sodium_malloc`: guard pages, `mlock`ed,
/// zeroed by `sodium_free` on release). Use it for every key, seed and password.
///
/// The buffer is immutable after initialisation, so sharing it across tasks is safe.
public final class SecureBytes: @unchecked Sendable {
    private let pointer: UnsafeMutableRawPointer
    /// Number of secret bytes.
    public let count: Int

    /// Allocates `count` bytes and lets `initializer` fill them.
    public init(count: Int, _ initializer: (UnsafeMutableRawBufferPointer) throws -> Void) throws {
        SodiumRuntime.ensure()
        guard let p = sodium_malloc(Swift.max(count, 1)) else { throw SodiumError.outOfSecureMemory }
        pointer = p
        self.count = count
        sodium_memzero(p, Swift.max(count, 1))
        // Every stored property is set: if the initializer throws, Swift runs deinit, which frees
        // (and zeroes) the memory; freeing it here as well was a double free.
        try initializer(UnsafeMutableRawBufferPointer(start: p, count: count))
    }

    /// Copies `bytes` into secure memory. The caller should zero its own copy.
    public convenience init(copying bytes: some Collection<UInt8>) throws {
        let array = Array(bytes)
        try self.init(count: array.count) { buffer in
            array.withUnsafeBytes { src in
                if let base = src.baseAddress { buffer.baseAddress!.copyMemory(from: base, byteCount: src.count) }
            }
        }
    }

    /// Random secret bytes from the OS CSPRNG.
    public static func random(count: Int) throws -> SecureBytes {
        try SecureBytes(count: count) { buffer in
            if count > 0 { randombytes_buf(buffer.baseAddress!, count) }
        }
    }

    deinit {
        sodium_free(pointer)
    }

    /// Read access to the secret. Do not let the pointer escape.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Copies the secret out into a plain array. Only for values that leave the process
    /// anyway (for example a key sent to lnd's API in a request body); zero the copy with
    /// `SecureBytes.zero(_:)` when done.
    public func unsafeCopy() -> [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    /// A new secret made of a slice of this one.
    public func slice(_ range: Range<Int>) throws -> SecureBytes {
        precondition(range.lowerBound >= 0 && range.upperBound <= count)
        return try SecureBytes(count: range.count) { dst in
            withUnsafeBytes { src in
                if range.count > 0 {
                    dst.baseAddress!.copyMemory(from: src.baseAddress! + range.lowerBound, byteCount: range.count)
                }
            }
        }
    }

    /// Constant-time comparison with another secret.
    public func constantTimeEquals(_ other: SecureBytes) -> Bool {
        guard count == other.count else { return false }
        if count == 0 { return true }
        return withUnsafeBytes { a in other.withUnsafeBytes { b in sodium_memcmp(a.baseAddress!, b.baseAddress!, count) == 0 } }
    }

    /// Overwrites a plain array with zeros in a way the optimiser keeps.
    public static func zero(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { buffer in
            if let base = buffer.baseAddress { sodium_memzero(base, buffer.count) }
        }
    }
}
