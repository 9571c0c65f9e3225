import Sodium

/// The one server public key a client accepts: lnd's self-signed `tls.cert`, or a vault's
/// own certificate. Only the key is pinned (SHA-256 of the SubjectPublicKeyInfo, curl's
/// `sha256//` form), so an expired certificate or a host name outside its SANs (a LAN IP,
/// an onion address) still works while any other key is refused.
public struct PinnedCertificate: Sendable, Equatable {
    /// SHA-256 of the DER SubjectPublicKeyInfo.
    public let publicKeySHA256: [UInt8]
    /// Other keys accepted as well (lnd with `tlsencryptkey` serves a temporary key while locked).
    public private(set) var alsoAccepted: [[UInt8]] = []

    public init(publicKeySHA256: [UInt8]) throws(HTTPClientError) {
        guard publicKeySHA256.count == SHA256.byteCount else {
            throw .invalidPinnedCertificate(reason: "a public key pin is 32 bytes (SHA-256), got \(publicKeySHA256.count)")
        }
        self.publicKeySHA256 = publicKeySHA256
    }

    /// From curl/HPKP notation `sha256//<base64>`.
    public init(pin: String) throws(HTTPClientError) {
        guard pin.hasPrefix("sha256//"), let hash = Base64.decode(pin.dropFirst("sha256//".count)) else {
            throw .invalidPinnedCertificate(reason: "expected sha256//<base64 of the SHA-256 of the public key>")
        }
        try self.init(publicKeySHA256: hash)
    }

    /// From a DER-encoded X.509 certificate.
    public init(certificateDER der: [UInt8]) throws(HTTPClientError) {
        let spki: [UInt8]
        do {
            spki = try Self.subjectPublicKeyInfo(of: der)
        } catch {
            throw .invalidPinnedCertificate(reason: "not an X.509 certificate (\(error.reason))")
        }
        try self.init(publicKeySHA256: SHA256.hash(spki))
    }

    /// From PEM text such as lnd's tls.cert; the first CERTIFICATE block is used.
    public init(pem: [UInt8]) throws(HTTPClientError) {
        let text = String(decoding: pem, as: UTF8.self)
        let begin = "-----BEGIN CERTIFICATE-----"
        let end = "-----END CERTIFICATE-----"
        guard let start = text.firstRange(of: begin), let stop = text[start.upperBound...].firstRange(of: end) else {
            throw .invalidPinnedCertificate(reason: "no PEM CERTIFICATE block found (is this lnd's tls.cert?)")
        }
        guard let der = Base64.decode(text[start.upperBound..<stop.lowerBound], ignoring: "\r\n\t ") else {
            throw .invalidPinnedCertificate(reason: "the PEM block is not valid base64")
        }
        try self.init(certificateDER: der)
    }

    /// This pin, also accepting `other`'s key.
    public func alsoAccepting(_ other: PinnedCertificate) -> PinnedCertificate {
        var both = self
        both.alsoAccepted += [other.publicKeySHA256] + other.alsoAccepted
        return both
    }

    /// The value for CURLOPT_PINNEDPUBLICKEY (several keys are separated by ";").
    public var curlPin: String {
        ([publicKeySHA256] + alsoAccepted).map { "sha256//" + Base64.encode($0) }.joined(separator: ";")
    }

    /// Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL, serialNumber,
    /// signature, issuer, validity, subject, subjectPublicKeyInfo, ... }, ... } (RFC 5280 §4.1).
    static func subjectPublicKeyInfo(of der: [UInt8]) throws(DERReader.Malformed) -> [UInt8] {
        var outer = DERReader(der)
        let certificate = try outer.read(expecting: 0x30, "a Certificate SEQUENCE")
        var certificateFields = DERReader(der, range: certificate.content)
        let tbs = try certificateFields.read(expecting: 0x30, "a TBSCertificate SEQUENCE")
        var fields = DERReader(der, range: tbs.content)
        if fields.peekTag() == 0xa0 { _ = try fields.read() }
        _ = try fields.read(expecting: 0x02, "the serial number")
        _ = try fields.read(expecting: 0x30, "the signature algorithm")
        _ = try fields.read(expecting: 0x30, "the issuer")
        _ = try fields.read(expecting: 0x30, "the validity")
        _ = try fields.read(expecting: 0x30, "the subject")
        let spki = try fields.read(expecting: 0x30, "the SubjectPublicKeyInfo")
        return Array(der[spki.encoded])
    }
}
