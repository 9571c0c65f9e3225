internal import CCurl
import Synchronization

/// Idle easy handles of one client. A handle keeps its connection cache across
/// curl_easy_reset, so reusing handles reuses TCP/TLS connections (keep-alive).
final class HandlePool: Sendable {
    private struct Handle: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
    }

    private let idle = Mutex<[Handle]>([])
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    func take() throws(HTTPClientError) -> UnsafeMutableRawPointer {
        if let handle = idle.withLock({ $0.popLast() }) { return handle.pointer }
        try CurlRuntime.ensure()
        guard let handle = curl_easy_init() else { throw .setupFailed("curl_easy_init() failed") }
        return handle
    }

    /// Returns a handle after a transfer; `reusable` is false after an aborted transfer.
    func give(_ pointer: UnsafeMutableRawPointer, reusable: Bool) {
        curl_easy_reset(pointer)
        let kept = reusable && idle.withLock { handles in
            guard handles.count < capacity else { return false }
            handles.append(Handle(pointer: pointer))
            return true
        }
        if !kept { curl_easy_cleanup(pointer) }
    }

    deinit {
        for handle in idle.withLock({ $0 }) { curl_easy_cleanup(handle.pointer) }
    }
}
