import Foundation
import NIOCore
import NIOSSL
import Synchronization

/// The certificate and key the REST listener presents, switchable while it runs, as lnd's TLS
/// reloader switches from the temporary certificate to tls.cert after unlock with
/// `tlsencryptkey` (lnd tls_manager.go:528-576): every new handshake asks for the current pair;
/// open connections keep theirs.
final class RESTTLSIdentity: Sendable {
    struct Pair: Sendable {
        let chain: [NIOSSLCertificateSource]
        let key: NIOSSLPrivateKeySource

        static func load(certificate: URL, key: URL) throws -> Pair {
            Pair(chain: try NIOSSLCertificate.fromPEMFile(certificate.path).map { .certificate($0) },
                 key: .privateKey(try NIOSSLPrivateKey(file: key.path, format: .pem)))
        }
    }

    private let current: Mutex<Pair>

    init(_ pair: Pair) {
        current = Mutex(pair)
    }

    var pair: Pair { current.withLock { $0 } }

    func switchTo(_ pair: Pair) {
        current.withLock { $0 = pair }
    }

    func serverConfiguration() -> TLSConfiguration {
        let initial = pair
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: initial.chain, privateKey: initial.key)
        tls.sslContextCallback = { [self] _, promise in
            let now = pair
            var override = NIOSSLContextConfigurationOverride()
            override.certificateChain = now.chain
            override.privateKey = now.key
            promise.succeed(override)
        }
        return tls
    }
}
