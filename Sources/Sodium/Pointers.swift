// libsodium marks most pointer parameters nonnull, even when the length is zero.
// These helpers always hand C a valid pointer (a dummy byte for empty input).

extension Array where Element == UInt8 {
    func withNonNullPointer<R>(_ body: (UnsafePointer<UInt8>) throws -> R) rethrows -> R {
        try self[...].withNonNullPointer(body)
    }

    mutating func withNonNullMutablePointer<R>(_ body: (UnsafeMutablePointer<UInt8>) throws -> R) rethrows -> R {
        if isEmpty {
            var dummy: UInt8 = 0
            return try withUnsafeMutablePointer(to: &dummy) { try body($0) }
        }
        return try withUnsafeMutableBufferPointer { try body($0.baseAddress!) }
    }
}

extension ArraySlice where Element == UInt8 {
    func withNonNullPointer<R>(_ body: (UnsafePointer<UInt8>) throws -> R) rethrows -> R {
        if isEmpty {
            let dummy: UInt8 = 0
            return try withUnsafePointer(to: dummy) { try body($0) }
        }
        return try withUnsafeBufferPointer { try body($0.baseAddress!) }
    }
}

extension SecureBytes {
    /// The secret's address; sodium_malloc never returns a null buffer, even for zero bytes.
    func withPointer<R>(_ body: (UnsafePointer<UInt8>) throws -> R) rethrows -> R {
        try withUnsafeBytes { try body($0.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
    }
}

extension UnsafeMutableRawBufferPointer {
    var bytePointer: UnsafeMutablePointer<UInt8> { baseAddress!.assumingMemoryBound(to: UInt8.self) }
}
