internal import CCurl
import Synchronization

/// Idle handles of one client: an easy handle with the multi handle it runs on. The multi
/// handle holds the connection cache, so reusing the pair reuses TCP/TLS connections (keep-alive).
final class HandlePool: Sendable {
    struct Handles: @unchecked Sendable {
        let easy: UnsafeMutableRawPointer
        let multi: UnsafeMutableRawPointer
    }

    private let idle = Mutex<[Handles]>([])
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    func take() throws(HTTPClientError) -> Handles {
        if let handles = idle.withLock({ $0.popLast() }) { return handles }
        try CurlRuntime.ensure()
        guard let easy = curl_easy_init() else { throw .setupFailed("curl_easy_init() failed") }
        guard let multi = curl_multi_init() else {
            curl_easy_cleanup(easy)
            throw .setupFailed("curl_multi_init() failed")
        }
        return Handles(easy: easy, multi: multi)
    }

    /// Returns the handles after a transfer (the easy handle no longer added to the multi);
    /// `reusable` is false after an aborted transfer.
    func give(_ handles: Handles, reusable: Bool) {
        curl_easy_reset(handles.easy)
        let kept = reusable && idle.withLock { idle in
            guard idle.count < capacity else { return false }
            idle.append(handles)
            return true
        }
        if !kept { Self.cleanup(handles) }
    }

    private static func cleanup(_ handles: Handles) {
        curl_easy_cleanup(handles.easy)
        curl_multi_cleanup(handles.multi)
    }

    deinit {
        for handles in idle.withLock({ $0 }) { Self.cleanup(handles) }
    }
}
