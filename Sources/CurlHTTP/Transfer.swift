internal import CCurl
import Synchronization

/// What a transfer reports, always from its own thread and in this order:
/// `head` at most once, `chunk`s, then `finish` exactly once (nil on success).
struct TransferEvents: Sendable {
    var head: @Sendable (HTTPResponseHead) -> Void
    /// Returns an error to abort the transfer with (for example a size limit).
    var chunk: @Sendable ([UInt8]) -> (any Error)?
    var finish: @Sendable ((any Error)?) -> Void
}

/// One request on one easy handle, driven through its multi handle on a dedicated thread.
/// The thread sleeps in curl_multi_poll until a socket is ready or one of curl's own timeouts
/// is due, never on a periodic timer (curl_easy_perform wakes up every second), so an idle lnd
/// stream costs no wake-ups. Cancellation sets a flag that the loop and the callbacks check, and
/// wakes the poll up (curl_multi_wakeup), so an aborted transfer ends at once.
final class Transfer: @unchecked Sendable {
    private let request: PreparedRequest
    private let events: TransferEvents
    private let pool: HandlePool
    private let cancelled = Atomic<Bool>(false)
    /// The multi handle while the transfer runs on it: `cancel()` wakes its poll up.
    private let running = Mutex<UnsafeMutableRawPointer?>(nil)

    // Touched only on the transfer thread.
    private var handle: UnsafeMutableRawPointer?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var headers = HTTPHeaders()
    private var headDelivered = false
    private var consumerError: (any Error)?
    private var uploadOffset = 0

    init(_ request: PreparedRequest, pool: HandlePool, events: TransferEvents) {
        self.request = request
        self.pool = pool
        self.events = events
    }

    func start() {
        do {
            try DetachedThread.start { self.run() }
        } catch {
            events.finish(error)
        }
    }

    /// Safe from any thread, any number of times.
    func cancel() {
        cancelled.store(true, ordering: .relaxed)
        running.withLock { multi in
            if let multi { _ = curl_multi_wakeup(multi) }
        }
    }

    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    // MARK: - On the transfer thread

    private func run() {
        let handles: HandlePool.Handles
        do {
            handles = try pool.take()
        } catch {
            events.finish(error)
            return
        }
        let handle = handles.easy
        self.handle = handle
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        var outcome: (any Error)?
        var reusable = false
        do {
            try configure(handle, errorBuffer: errorBuffer)
            if isCancelled { throw CancellationError() }
            let code = try perform(handles)
            if code == CURLE_OK {
                if !headDelivered { deliverHead() }
                reusable = true
            } else {
                outcome = error(for: code, detail: String(cString: errorBuffer))
            }
        } catch {
            outcome = error
        }
        pool.give(handles, reusable: reusable)
        self.handle = nil
        curl_slist_free_all(headerList)
        headerList = nil
        errorBuffer.deallocate()
        events.finish(outcome)
    }

    /// Runs the transfer to its end and returns curl's result for it.
    private func perform(_ handles: HandlePool.Handles) throws(HTTPClientError) -> CURLcode {
        try check(curl_multi_add_handle(handles.multi, handles.easy))
        running.withLock { $0 = handles.multi }
        defer {
            running.withLock { $0 = nil }
            curl_multi_remove_handle(handles.multi, handles.easy)
        }
        var active: Int32 = 1
        while active > 0 {
            if isCancelled { return CURLE_ABORTED_BY_CALLBACK }
            try check(curl_multi_perform(handles.multi, &active))
            guard active > 0 else { break }
            // No periodic timeout: curl shortens the wait to its own next deadline (connect,
            // total, low speed) by itself, and `cancel()` wakes the poll up.
            try check(curl_multi_poll(handles.multi, nil, 0, Int32.max, nil))
        }
        var queued: Int32 = 0
        while let message = curl_multi_info_read(handles.multi, &queued) {
            if message.pointee.msg == CURLMSG_DONE { return message.pointee.data.result }
        }
        throw .transferFailed(code: -1, detail: "libcurl finished the transfer without a result")
    }

    private func check(_ code: CURLMcode) throws(HTTPClientError) {
        guard code != CURLM_OK else { return }
        throw .transferFailed(code: Int(code.rawValue), detail: String(cString: curl_multi_strerror(code)))
    }

    private func configure(_ h: UnsafeMutableRawPointer, errorBuffer: UnsafeMutablePointer<CChar>) throws(HTTPClientError) {
        let me = Unmanaged.passUnretained(self).toOpaque()
        let setter = OptionSetter(handle: h)
        try setter.set(CURLOPT_ERRORBUFFER, pointer: errorBuffer)
        try setter.set(CURLOPT_URL, request.target.url)
        try setter.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try setter.set(CURLOPT_NOSIGNAL, 1)
        try setter.set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1))
        try setter.set(CURLOPT_FOLLOWLOCATION, 0)
        try setter.set(CURLOPT_USERAGENT, request.userAgent)

        let limits = request.timeouts
        try setter.set(CURLOPT_CONNECTTIMEOUT_MS, limits.connect.curlMilliseconds)
        try setter.set(CURLOPT_TIMEOUT_MS, limits.total?.curlMilliseconds ?? 0)
        if let lowSpeed = limits.lowSpeed {
            try setter.set(CURLOPT_LOW_SPEED_LIMIT, lowSpeed.bytesPerSecond)
            try setter.set(CURLOPT_LOW_SPEED_TIME, lowSpeed.duration.curlSeconds)
        }
        try setter.set(CURLOPT_TCP_KEEPALIVE, 1)
        try setter.set(CURLOPT_TCP_KEEPIDLE, limits.keepaliveIdle.curlSeconds)
        try setter.set(CURLOPT_TCP_KEEPINTVL, max(1, limits.keepaliveIdle.curlSeconds / 2))

        // An empty proxy string also stops curl from reading http_proxy/all_proxy from the environment.
        try setter.set(CURLOPT_PROXY, request.proxy?.curlValue ?? "")

        switch request.security {
        case .systemTrust:
            try setter.set(CURLOPT_SSL_VERIFYPEER, 1)
            try setter.set(CURLOPT_SSL_VERIFYHOST, 2)
        case .pinned(let pin):
            // The pinned key is the authentication: curl checks it on every handshake whatever
            // VERIFYPEER says, and the handshake proves the server holds the private key. Chain,
            // expiry and host name checks would only add failures (expired lnd certs, LAN IPs, onions).
            try setter.set(CURLOPT_SSL_VERIFYPEER, 0)
            try setter.set(CURLOPT_SSL_VERIFYHOST, 0)
            try setter.set(CURLOPT_PINNEDPUBLICKEY, pin.curlPin)
        case .trustedCAFile(let path):
            try setter.set(CURLOPT_SSL_VERIFYPEER, 1)
            try setter.set(CURLOPT_SSL_VERIFYHOST, 2)
            try setter.set(CURLOPT_CAINFO, path)
            // Only this file: no CA directory either, or the system roots would still be trusted.
            try setter.set(CURLOPT_CAPATH, pointer: UnsafeRawPointer?.none)
        case .plainHTTP:
            break
        }
        try setter.set(CURLOPT_SSLVERSION, Int(CURL_SSLVERSION_TLSv1_2))

        let hasBody = request.body.count > 0 || [.post, .put, .patch].contains(request.method)
        if request.method == .head {
            try setter.set(CURLOPT_NOBODY, 1)
        } else if hasBody {
            try setter.set(CURLOPT_POST, 1)
            try setter.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: curl_off_t(request.body.count))
            try setter.check(casa_curl_setopt_read(h, Transfer.readCallback), CURLOPT_READFUNCTION)
            try setter.set(CURLOPT_READDATA, pointer: me)
            if request.method != .post { try setter.set(CURLOPT_CUSTOMREQUEST, request.method.rawValue) }
        } else if request.method != .get {
            try setter.set(CURLOPT_CUSTOMREQUEST, request.method.rawValue)
        }

        // "Expect:" with no value stops curl from waiting for a 100 Continue before large bodies.
        for line in request.headers.map({ "\($0.name): \($0.value)" }) + ["Expect:"] {
            guard let appended = curl_slist_append(headerList, line) else { throw .setupFailed("out of memory building headers") }
            headerList = appended
        }
        try setter.set(CURLOPT_HTTPHEADER, pointer: headerList)

        try setter.check(casa_curl_setopt_write(h, Transfer.writeCallback), CURLOPT_WRITEFUNCTION)
        try setter.set(CURLOPT_WRITEDATA, pointer: me)
        try setter.check(casa_curl_setopt_header(h, Transfer.headerCallback), CURLOPT_HEADERFUNCTION)
        try setter.set(CURLOPT_HEADERDATA, pointer: me)
        try setter.check(casa_curl_setopt_xferinfo(h, Transfer.progressCallback), CURLOPT_XFERINFOFUNCTION)
        try setter.set(CURLOPT_XFERINFODATA, pointer: me)
        try setter.set(CURLOPT_NOPROGRESS, 0)
    }

    private func deliverHead() {
        guard !headDelivered, let handle else { return }
        headDelivered = true
        var status = 0
        _ = casa_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        events.head(HTTPResponseHead(status: status, headers: headers))
    }

    fileprivate func receiveHeader(_ bytes: UnsafeRawBufferPointer) -> Int {
        var raw = bytes[...]
        while let last = raw.last, last == 0x0a || last == 0x0d { raw = raw.dropLast() }
        let line = String(decoding: raw, as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers = HTTPHeaders()  // a new response (after 1xx): start over
        } else if line.isEmpty {
            var status = 0
            if let handle { _ = casa_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status) }
            if status >= 200 { deliverHead() }
        } else if let colon = line.firstIndex(of: ":") {
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingSpaces()
            headers.add(name: name, value: value)
        }
        return bytes.count
    }

    fileprivate func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        if !headDelivered { deliverHead() }
        guard !isCancelled else { return 0 }
        if let error = events.chunk(Array(bytes)) {
            consumerError = error
            return 0
        }
        return bytes.count
    }

    fileprivate func sendBody(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard !isCancelled else { return Int(CURL_READFUNC_ABORT) }
        let n = request.body.copy(from: uploadOffset, into: buffer)
        uploadOffset += n
        return n
    }

    private func error(for code: CURLcode, detail: String) -> any Error {
        if let consumerError { return consumerError }
        if isCancelled { return CancellationError() }
        let host = request.target.host
        let port = request.target.port
        let text = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        let proxy = request.proxy?.description ?? "(none)"
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST:
            return HTTPClientError.hostNotFound(host: host)
        case CURLE_COULDNT_RESOLVE_PROXY, CURLE_PROXY:
            return HTTPClientError.proxyFailed(proxy: proxy, detail: text)
        case CURLE_COULDNT_CONNECT:
            if request.proxy != nil { return HTTPClientError.proxyFailed(proxy: proxy, detail: text) }
            return HTTPClientError.connectionFailed(host: host, port: port, detail: text)
        case CURLE_OPERATION_TIMEDOUT:
            return HTTPClientError.timedOut(host: host, port: port, detail: text)
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return HTTPClientError.certificateChanged(host: host, port: port)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR:
            return HTTPClientError.tlsFailed(host: host, port: port, detail: text)
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE:
            return HTTPClientError.connectionLost(host: host, port: port, detail: text)
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return HTTPClientError.invalidURL(request.target.url, reason: text)
        default:
            return HTTPClientError.transferFailed(code: Int(code.rawValue), detail: text)
        }
    }

    // MARK: - C callbacks (userdata is the Transfer, kept alive by its thread)

    private static let writeCallback: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
        data, size, count, userdata in
        guard let userdata else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
        return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
    }

    private static let headerCallback: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
        data, size, count, userdata in
        guard let userdata else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
        return transfer.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
    }

    private static let readCallback: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
        buffer, size, count, userdata in
        guard let userdata else { return Int(CURL_READFUNC_ABORT) }
        let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
        return transfer.sendBody(into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
    }

    private static let progressCallback: @convention(c) (UnsafeMutableRawPointer?, curl_off_t, curl_off_t, curl_off_t, curl_off_t) -> Int32 = {
        userdata, _, _, _, _ in
        guard let userdata else { return 1 }
        return Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue().isCancelled ? 1 : 0
    }
}

private extension Substring {
    func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
