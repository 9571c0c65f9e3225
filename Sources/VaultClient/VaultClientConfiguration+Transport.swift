import CurlHTTP
public import VaultAPI
import BlobStorage

extension VaultClientConfiguration {
    /// The configuration for a vault at `baseURL` reached as `transport` says (pin, CA file, proxy).
    public init(baseURL: String, account: AccountID, transport: VaultTransportSettings) throws(VaultTransportError) {
        let (security, proxy) = try transport.resolve(url: baseURL)
        self.init(baseURL: baseURL, account: account, security: security, proxy: proxy)
    }
}
