/// The identifier bakery v3 (which lnd uses) puts in every macaroon: a version byte `3`
/// followed by the protobuf `MacaroonId { bytes nonce = 1; bytes storageId = 2; repeated Op ops = 3; }`
/// with `Op { string entity = 1; repeated string actions = 2; }`. The permissions live here,
/// the root key is found by `storageId` (lnd's default root key id is "0").
public struct MacaroonIdentifier: Sendable, Equatable {
    public static let bakeryVersion: UInt8 = 3

    public var nonce: [UInt8]
    public var storageID: [UInt8]
    public var permissions: [MacaroonOperation]

    public init(nonce: [UInt8], storageID: [UInt8], permissions: [MacaroonOperation]) {
        self.nonce = nonce
        self.storageID = storageID
        self.permissions = permissions
    }

    /// Encodes with ops grouped by entity, entities and actions sorted, as bakery canonicalises them.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = [MacaroonIdentifier.bakeryVersion]
        appendBytesField(1, nonce, to: &out)
        appendBytesField(2, storageID, to: &out)
        let grouped = Dictionary(grouping: Set(permissions), by: \.entity)
        for entity in grouped.keys.sorted() {
            var op: [UInt8] = []
            appendBytesField(1, Array(entity.utf8), to: &op)
            for action in (grouped[entity] ?? []).map(\.action).sorted() {
                appendBytesField(2, Array(action.utf8), to: &op)
            }
            appendBytesField(3, op, to: &out)
        }
        return out
    }

    public static func parse(_ bytes: [UInt8]) -> MacaroonIdentifier? {
        guard bytes.first == bakeryVersion else { return nil }
        var identifier = MacaroonIdentifier(nonce: [], storageID: [], permissions: [])
        guard let fields = ProtobufFields.parse(Array(bytes.dropFirst())) else { return nil }
        for (number, value) in fields {
            switch number {
            case 1: identifier.nonce = value
            case 2: identifier.storageID = value
            case 3:
                guard let opFields = ProtobufFields.parse(value) else { return nil }
                var entity = ""
                var actions: [String] = []
                for (opNumber, opValue) in opFields {
                    if opNumber == 1 { entity = String(decoding: opValue, as: UTF8.self) }
                    if opNumber == 2 { actions.append(String(decoding: opValue, as: UTF8.self)) }
                }
                identifier.permissions += actions.map { MacaroonOperation(entity, $0) }
            default: continue
            }
        }
        return identifier
    }

    private func appendBytesField(_ number: UInt64, _ data: [UInt8], to out: inout [UInt8]) {
        Varint.append(number << 3 | 2, to: &out)
        Varint.append(UInt64(data.count), to: &out)
        out.append(contentsOf: data)
    }
}

/// Reads the length-delimited fields of a protobuf message (the only wire type MacaroonId uses);
/// varint fields are skipped. Nil on malformed input.
enum ProtobufFields {
    static func parse(_ bytes: [UInt8]) -> [(UInt64, [UInt8])]? {
        var fields: [(UInt64, [UInt8])] = []
        var position = 0
        while position < bytes.count {
            guard let key = Varint.read(bytes, at: &position) else { return nil }
            switch key & 7 {
            case 0:
                guard Varint.read(bytes, at: &position) != nil else { return nil }
            case 2:
                guard let length = Varint.read(bytes, at: &position), length <= UInt64(bytes.count - position) else {
                    return nil
                }
                fields.append((key >> 3, Array(bytes[position..<position + Int(length)])))
                position += Int(length)
            default:
                return nil
            }
        }
        return fields
    }
}
