import Sodium

/// A macaroon in the v2 binary format lnd uses (go-macaroon `MarshalBinary`, libmacaroons v2):
/// `0x02`, [location], identifier, EOS, then per caveat [location] identifier [verification id] EOS,
/// a closing EOS and the 32-byte signature. Fields are `type byte || uvarint length || data`.
/// The signature chain is HMAC-SHA256: `sig0 = HMAC(HMAC("macaroons-key-generator", rootKey), id)`,
/// then `sig = HMAC(sig, caveatId)` per first-party caveat.
public struct Macaroon: Sendable, Equatable {
    public struct Caveat: Sendable, Equatable {
        public var identifier: [UInt8]
        public var verificationID: [UInt8]
        public var location: String

        /// A first-party caveat is a condition checked by the target service, e.g. `time-before ...`.
        public var isFirstParty: Bool { verificationID.isEmpty }
        public var condition: String { String(decoding: identifier, as: UTF8.self) }
    }

    public enum FormatError: Error, Sendable, Equatable, CustomStringConvertible {
        case unsupportedVersion(UInt8)
        case truncated
        case unexpectedField(UInt8)
        case badSignatureLength(Int)

        public var description: String {
            switch self {
            case .unsupportedVersion(let version): return "unmarshal v2: unsupported macaroon version \(version)"
            case .truncated: return "unmarshal v2: section extends past end of buffer"
            case .unexpectedField(let type): return "unmarshal v2: unexpected field type \(type)"
            case .badSignatureLength(let count): return "unmarshal v2: signature has unexpected length \(count)"
            }
        }
    }

    public var location: String
    public var identifier: [UInt8]
    public var caveats: [Caveat]
    public var signature: [UInt8]

    private enum Field: UInt8 {
        case eos = 0, location = 1, identifier = 2, verificationID = 4, signature = 6
    }

    /// Mints a macaroon with no caveats.
    public static func mint(rootKey: SecureBytes, identifier: [UInt8], location: String) throws -> Macaroon {
        let derived = try derivedKey(rootKey)
        let signature = try HMAC.sha256(key: derived, message: SecureBytes(copying: identifier)).unsafeCopy()
        return Macaroon(location: location, identifier: identifier, caveats: [], signature: signature)
    }

    /// go-macaroon `makeKey`: the signing key is HMAC-SHA256 keyed with a fixed label over the root key.
    static func derivedKey(_ rootKey: SecureBytes) throws -> SecureBytes {
        try HMAC.sha256(key: SecureBytes(copying: Array("macaroons-key-generator".utf8)), message: rootKey)
    }

    /// Adds a first-party caveat and extends the signature chain.
    public func addingFirstPartyCaveat(_ condition: String) throws -> Macaroon {
        var copy = self
        let id = Array(condition.utf8)
        copy.caveats.append(Caveat(identifier: id, verificationID: [], location: ""))
        copy.signature = try HMAC.sha256(key: SecureBytes(copying: signature), message: SecureBytes(copying: id)).unsafeCopy()
        return copy
    }

    /// Recomputes the chain from the root key; returns the first-party conditions when the
    /// signature matches, nil otherwise. Third-party caveats are never satisfied here.
    public func verifiedConditions(rootKey: SecureBytes) throws -> [String]? {
        var signature = try HMAC.sha256(key: Macaroon.derivedKey(rootKey), message: SecureBytes(copying: identifier))
        var conditions: [String] = []
        for caveat in caveats {
            guard caveat.isFirstParty else { return nil }
            signature = try HMAC.sha256(key: signature, message: SecureBytes(copying: caveat.identifier))
            conditions.append(caveat.condition)
        }
        guard signature.constantTimeEquals(try SecureBytes(copying: self.signature)) else { return nil }
        return conditions
    }

    // MARK: - Binary format

    public func serialized() -> [UInt8] {
        var out: [UInt8] = [2]
        if !location.isEmpty { Macaroon.appendField(.location, Array(location.utf8), to: &out) }
        Macaroon.appendField(.identifier, identifier, to: &out)
        out.append(Field.eos.rawValue)
        for caveat in caveats {
            if !caveat.location.isEmpty { Macaroon.appendField(.location, Array(caveat.location.utf8), to: &out) }
            Macaroon.appendField(.identifier, caveat.identifier, to: &out)
            if !caveat.verificationID.isEmpty { Macaroon.appendField(.verificationID, caveat.verificationID, to: &out) }
            out.append(Field.eos.rawValue)
        }
        out.append(Field.eos.rawValue)
        Macaroon.appendField(.signature, signature, to: &out)
        return out
    }

    public static func parse(_ bytes: [UInt8]) throws(FormatError) -> Macaroon {
        guard let version = bytes.first else { throw .truncated }
        guard version == 2 else { throw .unsupportedVersion(version) }
        var reader = FieldReader(bytes: bytes, position: 1)
        var location = ""
        var field = try reader.next()
        if field.type == Field.location.rawValue {
            location = String(decoding: field.data, as: UTF8.self)
            field = try reader.next()
        }
        guard field.type == Field.identifier.rawValue else { throw .unexpectedField(field.type) }
        let identifier = field.data
        guard try reader.next().type == Field.eos.rawValue else { throw .unexpectedField(2) }
        var caveats: [Caveat] = []
        while true {
            field = try reader.next()
            if field.type == Field.eos.rawValue { break }
            var caveat = Caveat(identifier: [], verificationID: [], location: "")
            if field.type == Field.location.rawValue {
                caveat.location = String(decoding: field.data, as: UTF8.self)
                field = try reader.next()
            }
            guard field.type == Field.identifier.rawValue else { throw .unexpectedField(field.type) }
            caveat.identifier = field.data
            field = try reader.next()
            if field.type == Field.verificationID.rawValue {
                caveat.verificationID = field.data
                field = try reader.next()
            }
            guard field.type == Field.eos.rawValue else { throw .unexpectedField(field.type) }
            caveats.append(caveat)
        }
        field = try reader.next()
        guard field.type == Field.signature.rawValue else { throw .unexpectedField(field.type) }
        guard field.data.count == 32 else { throw .badSignatureLength(field.data.count) }
        guard reader.position == bytes.count else { throw .unexpectedField(0xff) }
        return Macaroon(location: location, identifier: identifier, caveats: caveats, signature: field.data)
    }

    private static func appendField(_ field: Field, _ data: [UInt8], to out: inout [UInt8]) {
        out.append(field.rawValue)
        Varint.append(UInt64(data.count), to: &out)
        out.append(contentsOf: data)
    }

    private struct FieldReader {
        let bytes: [UInt8]
        var position: Int

        mutating func next() throws(FormatError) -> (type: UInt8, data: [UInt8]) {
            guard position < bytes.count else { throw .truncated }
            let type = bytes[position]
            position += 1
            if type == Field.eos.rawValue { return (type, []) }
            guard let length = Varint.read(bytes, at: &position), length <= UInt64(bytes.count - position) else {
                throw .truncated
            }
            let end = position + Int(length)
            defer { position = end }
            return (type, Array(bytes[position..<end]))
        }
    }
}
