extension NodeAddress {
    /// Reads a Single's address field: u16 total length, then descriptors until that length is used.
    static func readList(from reader: inout ByteReader) throws(ChannelBackupError) -> [NodeAddress] {
        let length = Int(try reader.readUInt16("address list length"))
        let start = reader.offset
        var block = ByteReader(try reader.readBytes(length, "address list"))
        var out: [NodeAddress] = []
        while !block.isAtEnd {
            let at = start + block.offset
            let type = try block.readUInt8("address type")
            func what() -> String { "address of type \(type) at byte \(at)" }
            switch type {
            case 0:
                out.append(.padding)
            case 1:
                out.append(.ipv4(address: try block.readBytes(4, what()), port: try block.readUInt16(what())))
            case 2:
                out.append(.ipv6(address: try block.readBytes(16, what()), port: try block.readUInt16(what())))
            case 3:
                out.append(.torV2(service: try block.readBytes(10, what()), port: try block.readUInt16(what())))
            case 4:
                out.append(.torV3(service: try block.readBytes(35, what()), port: try block.readUInt16(what())))
            case 5:
                let count = Int(try block.readUInt8(what()))
                out.append(.dns(hostname: try block.readBytes(count, what()), port: try block.readUInt16(what())))
            default:
                out.append(.opaque([type] + (try block.readBytes(block.remaining, what()))))
            }
        }
        return out
    }

    static func writeList(_ addresses: [NodeAddress], to writer: inout ByteWriter) throws(ChannelBackupError) {
        var block = ByteWriter()
        for address in addresses { try address.write(to: &block) }
        guard block.count <= Int(UInt16.max) else {
            throw .cannotEncode(what: "address list", reason: "\(block.count) bytes is more than 65535")
        }
        writer.writeUInt16(UInt16(block.count))
        writer.write(block.bytes)
    }

    private func write(to writer: inout ByteWriter) throws(ChannelBackupError) {
        switch self {
        case .padding:
            writer.writeUInt8(0)
        case let .ipv4(address, port):
            try Self.writeFixed(1, address, 4, port, "IPv4 address", &writer)
        case let .ipv6(address, port):
            try Self.writeFixed(2, address, 16, port, "IPv6 address", &writer)
        case let .torV2(service, port):
            try Self.writeFixed(3, service, 10, port, "Tor v2 service", &writer)
        case let .torV3(service, port):
            try Self.writeFixed(4, service, 35, port, "Tor v3 service", &writer)
        case let .dns(hostname, port):
            guard hostname.count <= 255 else {
                throw .cannotEncode(what: "DNS hostname", reason: "\(hostname.count) bytes is more than 255")
            }
            writer.writeUInt8(5)
            writer.writeUInt8(UInt8(hostname.count))
            writer.write(hostname)
            writer.writeUInt16(port)
        case .opaque(let bytes):
            guard let type = bytes.first, type > 5 else {
                throw .cannotEncode(what: "opaque address", reason: "must start with an unknown type byte (above 5)")
            }
            writer.write(bytes)
        }
    }

    private static func writeFixed(
        _ type: UInt8, _ data: [UInt8], _ size: Int, _ port: UInt16, _ what: String, _ writer: inout ByteWriter
    ) throws(ChannelBackupError) {
        guard data.count == size else { throw .cannotEncode(what: what, reason: "must be \(size) bytes, got \(data.count)") }
        writer.writeUInt8(type)
        writer.write(data)
        writer.writeUInt16(port)
    }
}
