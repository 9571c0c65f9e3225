internal import CCurl

/// libcurl's process-wide initialisation, done once before the first handle is created
/// (curl_global_init is not safe to race with other curl calls on older libcurls).
enum CurlRuntime {
    private static let initialised: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    }()

    static func ensure() throws(HTTPClientError) {
        guard initialised else { throw .setupFailed("libcurl could not be initialised (curl_global_init failed)") }
    }
}
