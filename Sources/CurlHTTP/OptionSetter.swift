internal import CCurl

/// Typed curl_easy_setopt calls that turn a refused option into a clear error.
struct OptionSetter {
    let handle: UnsafeMutableRawPointer

    func check(_ code: CURLcode, _ option: CURLoption) throws(HTTPClientError) {
        guard code == CURLE_OK else {
            throw .setupFailed("libcurl refused option \(option.rawValue): \(String(cString: curl_easy_strerror(code))) (is libcurl too old or built without TLS?)")
        }
    }

    func set(_ option: CURLoption, _ value: Int) throws(HTTPClientError) {
        try check(casa_curl_setopt_long(handle, option, value), option)
    }

    func set(_ option: CURLoption, offset value: curl_off_t) throws(HTTPClientError) {
        try check(casa_curl_setopt_off(handle, option, value), option)
    }

    /// String options are copied by libcurl (all but CURLOPT_POSTFIELDS, which we never use).
    func set(_ option: CURLoption, _ value: String) throws(HTTPClientError) {
        try check(value.withCString { casa_curl_setopt_ptr(handle, option, $0) }, option)
    }

    func set(_ option: CURLoption, pointer: UnsafeRawPointer?) throws(HTTPClientError) {
        try check(casa_curl_setopt_ptr(handle, option, pointer), option)
    }

    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws(HTTPClientError) {
        try check(casa_curl_setopt_ptr(handle, option, pointer), option)
    }

    func set<T>(_ option: CURLoption, pointer: UnsafeMutablePointer<T>?) throws(HTTPClientError) {
        try check(casa_curl_setopt_ptr(handle, option, pointer), option)
    }
}
