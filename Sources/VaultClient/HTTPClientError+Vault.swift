import CurlHTTP

extension HTTPClientError {
    /// The message for a vault call: CurlHTTP's pin mismatch text is about lnd's tls.cert.
    var vaultDescription: String {
        guard case .certificateChanged(let host, let port) = self else { return description }
        return "the TLS public key of \(host):\(port) is not the pinned one: if the vault's operator replaced its key, "
            + "pin the new one; otherwise someone may be intercepting the connection"
    }
}
