/// The freshness proof of a signed request, sent in `Casa-Freshness`.
///
/// - `timestamp`: the client's clock; accepted within the server's skew window (default ±300 s).
/// - `challenge`: a single-use token from `POST /v1/challenges`; proves freshness without a clock.
///   Required for the sealed-secret release; accepted everywhere (a booting Raspberry Pi has no
///   real-time clock, so everything it does right after boot should use challenges).
public enum Freshness: Hashable, Sendable, CustomStringConvertible {
    case timestamp(Int64)
    case challenge(String)

    public static let maxChallengeLength = 128

    /// Parses `t=<unix seconds>` or `c=<token>`; nil if malformed.
    public init?(header: String) {
        if header.hasPrefix("t=") {
            let digits = header.dropFirst(2)
            guard (1...12).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let seconds = Int64(digits) else { return nil }
            self = .timestamp(seconds)
        } else if header.hasPrefix("c=") {
            let token = String(header.dropFirst(2))
            guard Self.isValidChallenge(token) else { return nil }
            self = .challenge(token)
        } else {
            return nil
        }
    }

    /// The header value, which is also the freshness line of the canonical message.
    public var header: String {
        switch self {
        case .timestamp(let seconds): "t=\(seconds)"
        case .challenge(let token): "c=\(token)"
        }
    }

    public var description: String { header }

    /// Challenge tokens are URL-safe base64 or hex: `[A-Za-z0-9_-]`, 1 to 128 characters.
    public static func isValidChallenge(_ token: String) -> Bool {
        (1...maxChallengeLength).contains(token.utf8.count)
            && token.utf8.allSatisfy { c in
                (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c)
                    || c == UInt8(ascii: "-") || c == UInt8(ascii: "_")
            }
    }
}
