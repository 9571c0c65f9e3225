public import Secp256k1
import Codecs
import LightningTypes

/// `channel_reestablish` (type 136):
/// `channel_id(32) ‖ u64 next_commitment_number ‖ u64 next_revocation_number
///  [‖ your_last_per_commitment_secret(32) ‖ my_current_per_commitment_point(33)] ‖ tlvs`.
/// The bracketed data-loss-protection fields are 65 bytes; without them the payload is the
/// old 48-byte form, which chantools sends and lnd still accepts.
public struct ChannelReestablish: Equatable, Sendable {
    /// The data-loss-protection fields.
    public struct DataLossProtect: Equatable, Sendable {
        public var yourLastPerCommitmentSecret: [UInt8]
        public var myCurrentPerCommitmentPoint: PublicKey

        public init(yourLastPerCommitmentSecret: [UInt8], myCurrentPerCommitmentPoint: PublicKey) throws {
            guard yourLastPerCommitmentSecret.count == 32 else {
                throw WireError.invalidField(message: "channel_reestablish", field: "your_last_per_commitment_secret",
                                             reason: "must be 32 bytes, got \(yourLastPerCommitmentSecret.count)")
            }
            self.yourLastPerCommitmentSecret = yourLastPerCommitmentSecret
            self.myCurrentPerCommitmentPoint = myCurrentPerCommitmentPoint
        }
    }

    public static let legacyPayloadByteCount = 48
    public static let fullPayloadByteCount = 113

    public var channelID: ChannelID
    public var nextCommitmentNumber: UInt64
    public var nextRevocationNumber: UInt64
    public var dataLossProtect: DataLossProtect?
    /// Trailing TLVs (next_funding, funding_locked, nonces...), passed through unchanged.
    public var extensions: TLVStream

    public init(channelID: ChannelID, nextCommitmentNumber: UInt64, nextRevocationNumber: UInt64,
                dataLossProtect: DataLossProtect? = nil, extensions: TLVStream = TLVStream()) {
        self.channelID = channelID
        self.nextCommitmentNumber = nextCommitmentNumber
        self.nextRevocationNumber = nextRevocationNumber
        self.dataLossProtect = dataLossProtect
        self.extensions = extensions
    }

    /// The message a node that lost its state sends to make the peer force-close:
    /// both numbers zero. `withDataLossFields` adds a zero secret and the point G (113 bytes);
    /// without it this is exactly chantools' 48-byte form (docs/force-close.md).
    public static func dataLossTrigger(channelID: ChannelID, withDataLossFields: Bool = false) -> ChannelReestablish {
        let dlp = withDataLossFields
            ? try? DataLossProtect(yourLastPerCommitmentSecret: [UInt8](repeating: 0, count: 32), myCurrentPerCommitmentPoint: .generator)
            : nil
        return ChannelReestablish(channelID: channelID, nextCommitmentNumber: 0, nextRevocationNumber: 0, dataLossProtect: dlp)
    }

    public func encodedPayload() -> [UInt8] {
        var w = ByteWriter()
        w.write(channelID.bytes)
        w.writeUInt64(nextCommitmentNumber)
        w.writeUInt64(nextRevocationNumber)
        if let dlp = dataLossProtect {
            w.write(dlp.yourLastPerCommitmentSecret)
            w.write(dlp.myCurrentPerCommitmentPoint.compressed)
        }
        w.write(extensions.encoded())
        return w.bytes
    }

    public init(payload: [UInt8]) throws {
        var r = WireReader(payload, context: "channel_reestablish")
        channelID = try ChannelID(bytes: r.readBytes(32, "channel_id"))
        nextCommitmentNumber = try r.readUInt64("next_commitment_number")
        nextRevocationNumber = try r.readUInt64("next_revocation_number")
        if r.isAtEnd {
            dataLossProtect = nil
        } else {
            let secret = try r.readBytes(32, "your_last_per_commitment_secret")
            let pointBytes = try r.readBytes(33, "my_current_per_commitment_point")
            guard let point = try? PublicKey(bytes: pointBytes) else {
                throw WireError.invalidField(message: "channel_reestablish", field: "my_current_per_commitment_point", reason: "not a valid compressed point")
            }
            dataLossProtect = try DataLossProtect(yourLastPerCommitmentSecret: secret, myCurrentPerCommitmentPoint: point)
        }
        extensions = try TLVStream.decode(r.readRest(), context: "channel_reestablish", knownEvenTypes: nil)
    }
}
