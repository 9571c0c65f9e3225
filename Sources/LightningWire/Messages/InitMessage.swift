import Codecs

/// `init` (type 16): the first message in each direction.
/// Payload: `u16 gflen ‖ globalfeatures ‖ u16 flen ‖ features ‖ tlvs` (TLV 1 networks, TLV 3 remote_addr).
public struct InitMessage: Equatable, Sendable {
    public var globalFeatures: FeatureBits
    public var features: FeatureBits
    /// TLV 1: chain hashes the sender is interested in (32 bytes each). Empty: not sent.
    public var networks: [[UInt8]]
    /// TLV 3: the address the sender sees us connecting from, raw (BOLT 7 descriptor).
    public var remoteAddress: [UInt8]?
    /// Other (odd) TLV records, passed through.
    public var otherRecords: [TLVStream.Record]

    public init(globalFeatures: FeatureBits = [], features: FeatureBits, networks: [[UInt8]] = [],
                remoteAddress: [UInt8]? = nil, otherRecords: [TLVStream.Record] = []) {
        self.globalFeatures = globalFeatures
        self.features = features
        self.networks = networks
        self.remoteAddress = remoteAddress
        self.otherRecords = otherRecords
    }

    /// Global and local features ORed, as receivers interpret them.
    public var combinedFeatures: FeatureBits { globalFeatures.union(features) }

    public func encodedPayload() -> [UInt8] {
        var w = ByteWriter()
        let global = globalFeatures.encoded(), local = features.encoded()
        w.writeUInt16(UInt16(global.count)); w.write(global)
        w.writeUInt16(UInt16(local.count)); w.write(local)
        var records = otherRecords
        if !networks.isEmpty { records.append(.init(type: 1, value: networks.flatMap { $0 })) }
        if let remoteAddress { records.append(.init(type: 3, value: remoteAddress)) }
        w.write(TLVStream(records).encoded())
        return w.bytes
    }

    public init(payload: [UInt8]) throws {
        var r = WireReader(payload, context: "init")
        let gflen = try r.readUInt16("gflen")
        globalFeatures = FeatureBits(encoded: try r.readBytes(Int(gflen), "globalfeatures"))
        let flen = try r.readUInt16("flen")
        features = FeatureBits(encoded: try r.readBytes(Int(flen), "features"))
        let tlvs = try TLVStream.decode(r.readRest(), context: "init", knownEvenTypes: [])
        networks = []
        remoteAddress = nil
        otherRecords = []
        for record in tlvs.records {
            switch record.type {
            case 1:
                guard record.value.count % 32 == 0 else {
                    throw WireError.invalidField(message: "init", field: "networks", reason: "\(record.value.count) bytes is not a whole number of 32-byte chain hashes")
                }
                networks = stride(from: 0, to: record.value.count, by: 32).map { Array(record.value[$0..<$0 + 32]) }
            case 3:
                remoteAddress = record.value
            default:
                otherRecords.append(record)
            }
        }
    }
}
