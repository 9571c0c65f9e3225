import Foundation
import Sodium
import Codecs

/// An lnd macaroon (a bearer credential): kept in secure memory, sent as the hex header
/// `Grpc-Metadata-macaroon`. Its permissions are read from lnd's macaroon identifier so that
/// an over-powered macaroon (admin.macaroon) can be flagged.
public struct LNDMacaroon: Sendable {
    public let bytes: SecureBytes

    public init(bytes: SecureBytes) {
        self.bytes = bytes
    }

    /// Reads a macaroon file (binary, as lnd writes it; a hex text file is accepted too).
    public init(contentsOf path: String) throws(LNDError) {
        let raw = try FileAccess.read(path, what: "macaroon")
        var binary = raw
        if let text = String(bytes: raw, encoding: .utf8), let hex = Hex.decode(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            binary = hex
        }
        do {
            bytes = try SecureBytes(copying: binary)
        } catch {
            throw .configuration("cannot allocate secure memory for the macaroon")
        }
        SecureBytes.zero(&binary)
    }

    var headerValue: String {
        bytes.withUnsafeBytes { Hex.encode($0) }
    }

    /// The permissions lnd encoded in the identifier, or nil if the format is not lnd's.
    public var permissions: [MacaroonPermission]? {
        bytes.withUnsafeBytes { MacaroonPermission.parse(macaroon: Array($0)) }
    }
}

/// One `entity:action` permission; URI-scoped macaroons have entity "uri" and the gRPC method as action.
public struct MacaroonPermission: Hashable, Sendable, CustomStringConvertible {
    public let entity: String
    public let action: String

    public init(entity: String, action: String) {
        self.entity = entity
        self.action = action
    }

    public var description: String { "\(entity):\(action)" }

    /// The gRPC methods the backup agent calls that need a macaroon (docs/lnd.md §3.2, §3.4).
    public static let agentURIs: [String] = [
        "/lnrpc.Lightning/GetInfo",
        "/lnrpc.Lightning/ListChannels",
        "/lnrpc.Lightning/PendingChannels",
        "/lnrpc.Lightning/ExportAllChannelBackups",
        "/lnrpc.Lightning/SubscribeChannelBackups",
        "/lnrpc.Lightning/VerifyChanBackup",
        "/signrpc.Signer/DeriveSharedKey",
    ]

    /// Macaroon v2 binary (version byte 2, then fields type/varint-length/data; the identifier is
    /// type 2), whose identifier is lnd's: version byte 3 + protobuf MacaroonId{nonce=1, storageId=2,
    /// repeated Op ops=3}, Op{entity=1, repeated actions=2}.
    static func parse(macaroon: [UInt8]) -> [MacaroonPermission]? {
        guard macaroon.first == 2 else { return nil }
        var reader = ProtoReader(macaroon, from: 1)
        while let (fieldType, data) = reader.macaroonField() {
            if fieldType == 2 { return parse(identifier: data) }
            if fieldType == 0 { return nil }
        }
        return nil
    }

    static func parse(identifier: [UInt8]) -> [MacaroonPermission]? {
        guard identifier.first == 3 else { return nil }
        var reader = ProtoReader(identifier, from: 1)
        var permissions: [MacaroonPermission] = []
        while let (field, data) = reader.lengthDelimited() {
            guard field == 3 else { continue }
            var op = ProtoReader(data, from: 0)
            var entity = ""
            var actions: [String] = []
            while let (opField, value) = op.lengthDelimited() {
                if opField == 1 { entity = String(decoding: value, as: UTF8.self) }
                if opField == 2 { actions.append(String(decoding: value, as: UTF8.self)) }
            }
            permissions += actions.map { MacaroonPermission(entity: entity, action: $0) }
        }
        return reader.failed ? nil : permissions
    }
}

/// Minimal protobuf / macaroon-field reader (varints and length-delimited fields only).
struct ProtoReader {
    private let bytes: [UInt8]
    private var offset: Int
    private(set) var failed = false

    init(_ bytes: [UInt8], from offset: Int) {
        self.bytes = bytes
        self.offset = offset
    }

    mutating func varint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        failed = true
        return nil
    }

    private mutating func take(_ count: UInt64) -> [UInt8]? {
        guard count <= UInt64(bytes.count - offset) else {
            failed = true
            return nil
        }
        defer { offset += Int(count) }
        return Array(bytes[offset..<(offset + Int(count))])
    }

    /// The next protobuf field if it is length-delimited (wire type 2); skips varint fields.
    mutating func lengthDelimited() -> (Int, [UInt8])? {
        while offset < bytes.count {
            guard let key = varint() else { return nil }
            switch key & 7 {
            case 0:
                guard varint() != nil else { return nil }
            case 2:
                guard let length = varint(), let data = take(length) else { return nil }
                return (Int(key >> 3), data)
            default:
                failed = true
                return nil
            }
        }
        return nil
    }

    /// A macaroon v2 field: type byte, then (unless EOS = 0) varint length and data.
    mutating func macaroonField() -> (Int, [UInt8])? {
        guard offset < bytes.count else { return nil }
        let type = Int(bytes[offset])
        offset += 1
        if type == 0 { return (0, []) }
        guard let length = varint(), let data = take(length) else { return nil }
        return (type, data)
    }
}
