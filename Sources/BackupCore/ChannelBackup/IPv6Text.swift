/// IPv6 text form as Go's `net.IP.String` prints it (RFC 5952): lowercase hex groups, the
/// longest run of two or more zero groups as "::", and IPv4-mapped addresses as dotted IPv4.
enum IPv6Text {
    static func format(_ address: [UInt8]) -> String {
        guard address.count == 16 else { return address.map { String($0, radix: 16) }.joined(separator: ":") }
        if address[0..<10].allSatisfy({ $0 == 0 }) && address[10] == 0xff && address[11] == 0xff {
            return address[12..<16].map(String.init).joined(separator: ".")
        }
        let groups = (0..<8).map { UInt16(address[2 * $0]) << 8 | UInt16(address[2 * $0 + 1]) }
        var bestStart = -1, bestLength = 0, i = 0
        while i < 8 {
            guard groups[i] == 0 else { i += 1; continue }
            var j = i
            while j < 8 && groups[j] == 0 { j += 1 }
            if j - i > bestLength { bestStart = i; bestLength = j - i }
            i = j
        }
        func hex(_ range: Range<Int>) -> String { groups[range].map { String($0, radix: 16) }.joined(separator: ":") }
        guard bestLength >= 2 else { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }
}
