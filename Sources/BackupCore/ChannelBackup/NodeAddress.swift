/// One BOLT 7 address descriptor as stored in a Single's address list.
/// Type 0 (padding) and unknown types are kept, so a backup re-encodes byte for byte;
/// lnd itself drops padding and keeps unknown types as opaque bytes that run to the end of
/// the list.
public enum NodeAddress: Hashable, Sendable, CustomStringConvertible {
    /// Type 0: a one-byte padding descriptor with no data.
    case padding
    /// Type 1: 4-byte IPv4 address and port.
    case ipv4(address: [UInt8], port: UInt16)
    /// Type 2: 16-byte IPv6 address and port.
    case ipv6(address: [UInt8], port: UInt16)
    /// Type 3: 10-byte Tor v2 onion service (deprecated; lnd does not dial these on restore).
    case torV2(service: [UInt8], port: UInt16)
    /// Type 4: 35-byte Tor v3 onion service (pubkey, checksum, version).
    case torV3(service: [UInt8], port: UInt16)
    /// Type 5: DNS hostname (raw bytes, at most 255) and port.
    case dns(hostname: [UInt8], port: UInt16)
    /// Any other type: the type byte and every byte after it to the end of the list.
    case opaque([UInt8])

    /// The BOLT 7 descriptor type.
    public var type: UInt8 {
        switch self {
        case .padding: return 0
        case .ipv4: return 1
        case .ipv6: return 2
        case .torV2: return 3
        case .torV3: return 4
        case .dns: return 5
        case .opaque(let bytes): return bytes.first ?? 0
        }
    }

    /// A DNS address from a host name.
    public static func dns(_ hostname: String, port: UInt16) -> NodeAddress {
        .dns(hostname: Array(hostname.utf8), port: port)
    }

    /// `host:port` as lnd prints it (Go `net.JoinHostPort`): IPv6 in brackets, IPv4-mapped
    /// IPv6 as dotted IPv4, onion services as `<base32>.onion`. Nil for padding and opaque data.
    public var hostPort: String? {
        switch self {
        case .padding, .opaque: return nil
        case let .ipv4(address, port): return Self.joinHostPort(address.map(String.init).joined(separator: "."), port)
        case let .ipv6(address, port): return Self.joinHostPort(IPv6Text.format(address), port)
        case let .torV2(service, port), let .torV3(service, port):
            return Self.joinHostPort(OnionBase32.encode(service) + ".onion", port)
        case let .dns(hostname, port): return Self.joinHostPort(String(decoding: hostname, as: UTF8.self), port)
        }
    }

    public var description: String {
        if let hostPort { return hostPort }
        if case .opaque(let bytes) = self { return "opaque address (type \(type), \(bytes.count) bytes)" }
        return "padding"
    }

    private static func joinHostPort(_ host: String, _ port: UInt16) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
