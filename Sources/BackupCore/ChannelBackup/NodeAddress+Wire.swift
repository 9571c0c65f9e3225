import Codecs

extension NodeAddress {
    /// Checks a Single's address field (u16 total length, then descriptors until that length is
    /// used) and reports each descriptor to `parts`. Copies nothing.
    static func scanList<Parts: SingleBackupParts>(from reader: inout ChannelBackupReader, into parts: inout Parts) throws(ChannelBackupError) {
        let length = Int(try reader.readUInt16("address list length"))
        let list = try reader.skip(length, "address list")
        var block = ChannelBackupReader(reader.bytes, block: list)
        while !block.isAtEnd {
            let at = block.offset
            let type = try block.readUInt8("address type")
            func what() -> String { "address of type \(type) at byte \(at)" }
            let data: Range<Int>
            switch type {
            case 0:
                parts.address(type: 0, data: at..<at, port: 0)
                continue
            case 5:
                data = try block.skip(Int(try block.readUInt8(what())), what())
            default:
                guard let size = fixedDataSize(type: type) else {
                    try block.skip(block.remaining, what())
                    parts.opaqueAddress(at..<block.offset)
                    continue
                }
                data = try block.skip(size, what())
            }
            parts.address(type: type, data: data, port: try block.readUInt16(what()))
        }
    }

    /// The data size of the fixed-size descriptor types (BOLT 7), nil for the others.
    static func fixedDataSize(type: UInt8) -> Int? {
        switch type {
        case 1: return 4
        case 2: return 16
        case 3: return 10
        case 4: return 35
        default: return nil
        }
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
            try Self.writeFixed(1, address, port, "IPv4 address", &writer)
        case let .ipv6(address, port):
            try Self.writeFixed(2, address, port, "IPv6 address", &writer)
        case let .torV2(service, port):
            try Self.writeFixed(3, service, port, "Tor v2 service", &writer)
        case let .torV3(service, port):
            try Self.writeFixed(4, service, port, "Tor v3 service", &writer)
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
        _ type: UInt8, _ data: [UInt8], _ port: UInt16, _ what: String, _ writer: inout ByteWriter
    ) throws(ChannelBackupError) {
        let size = fixedDataSize(type: type) ?? 0
        guard data.count == size else { throw .cannotEncode(what: what, reason: "must be \(size) bytes, got \(data.count)") }
        writer.writeUInt8(type)
        writer.write(data)
        writer.writeUInt16(port)
    }
}
