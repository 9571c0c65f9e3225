import Codecs

/// A BOLT 1 TLV stream: records `BigSize type ‖ BigSize length ‖ value` with strictly
/// increasing types. Unknown even types are fatal ("it's OK to be odd"); unknown odd ones are kept.
public struct TLVStream: Equatable, Sendable {
    public struct Record: Equatable, Sendable {
        public let type: UInt64
        public let value: [UInt8]

        public init(type: UInt64, value: [UInt8]) {
            self.type = type
            self.value = value
        }
    }

    /// Records in increasing type order.
    public private(set) var records: [Record]

    public init(_ records: [Record] = []) {
        self.records = records.sorted { $0.type < $1.type }
    }

    public var isEmpty: Bool { records.isEmpty }

    public func value(for type: UInt64) -> [UInt8]? {
        records.first { $0.type == type }?.value
    }

    public func encoded() -> [UInt8] {
        records.flatMap { BigSize.encode($0.type) + BigSize.encode(UInt64($0.value.count)) + $0.value }
    }

    /// Decodes a whole TLV stream.
    /// - Parameter knownEvenTypes: the even types the message defines; nil accepts any type
    ///   (for extensions we only pass through and never act on).
    static func decode(_ bytes: [UInt8], context: String, knownEvenTypes: Set<UInt64>?) throws -> TLVStream {
        var reader = WireReader(bytes, context: context)
        var records: [Record] = []
        while !reader.isAtEnd {
            let type = try BigSize.read(&reader, field: "tlv type")
            if let last = records.last, type <= last.type {
                throw WireError.badTLV(message: context, reason: "type \(type) after type \(last.type); types must strictly increase")
            }
            let length = try BigSize.read(&reader, field: "tlv length")
            guard length <= UInt64(reader.remaining) else {
                throw WireError.badTLV(message: context, reason: "record \(type) claims \(length) bytes, only \(reader.remaining) left")
            }
            let value = try reader.readBytes(Int(length), "tlv \(type) value")
            if type % 2 == 0, let known = knownEvenTypes, !known.contains(type) {
                throw WireError.badTLV(message: context, reason: "unknown even (required) type \(type)")
            }
            records.append(Record(type: type, value: value))
        }
        return TLVStream(records)
    }
}
