import BackupCore

extension NodeAddress {
    /// An address from the graph ("host:port") to put into a Single that has none, so lnd's
    /// restore can dial the peer. IPv4 and DNS names only; nil for anything else.
    static func fromGraph(_ text: String) -> NodeAddress? {
        guard !text.hasPrefix("["), let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]) else { return nil }
        let host = String(text[..<colon])
        guard !host.isEmpty, !host.hasSuffix(".onion") else { return nil }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 4, let octets = Optional(parts.compactMap { UInt8($0) }), octets.count == 4 {
            return .ipv4(address: octets, port: port)
        }
        return host.utf8.count <= 255 ? .dns(host, port: port) : nil
    }
}
