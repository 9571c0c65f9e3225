import SeedKit
import Codecs
import LightningTypes

/// One side's channel configuration as a Single stores it: the CSV delay and five base keys,
/// in lnd's serialization order multisig, revocation, payment, delay, htlc. Our side stores
/// key locators (lnd re-derives the keys at restore time); the peer's side stores public keys.
public struct ChannelKeys<Key: Hashable & Sendable>: Hashable, Sendable {
    public var csvDelay: UInt16
    public var multiSig: Key
    public var revocationBase: Key
    public var paymentBase: Key
    public var delayBase: Key
    public var htlcBase: Key

    public init(csvDelay: UInt16, multiSig: Key, revocationBase: Key, paymentBase: Key, delayBase: Key, htlcBase: Key) {
        self.csvDelay = csvDelay
        self.multiSig = multiSig
        self.revocationBase = revocationBase
        self.paymentBase = paymentBase
        self.delayBase = delayBase
        self.htlcBase = htlcBase
    }

    /// The five keys in wire order.
    public var inWireOrder: [Key] { [multiSig, revocationBase, paymentBase, delayBase, htlcBase] }

    /// Names of the five keys in wire order (for error messages).
    public static var wireNames: [String] { ["multisig", "revocation base", "payment base", "delay base", "htlc base"] }
}

/// Our side: key locators (families 0, 1, 3, 4, 2 in wire order).
public typealias LocalChannelKeys = ChannelKeys<KeyLocator>
/// The peer's side: compressed public keys.
public typealias RemoteChannelKeys = ChannelKeys<CompressedPublicKey>

/// A fixed-size field of a Single that ChannelKeys can hold.
protocol SingleBackupField {
    static func read(from reader: inout ChannelBackupReader, _ what: @autoclosure () -> String) throws(ChannelBackupError) -> Self
    static func skip(_ reader: inout ChannelBackupReader, _ what: @autoclosure () -> String) throws(ChannelBackupError)
    func write(to writer: inout ByteWriter)
}

extension ChannelKeys where Key: SingleBackupField {
    func write(to writer: inout ByteWriter) {
        writer.writeUInt16(csvDelay)
        for key in inWireOrder { key.write(to: &writer) }
    }

    static func skip(_ reader: inout ChannelBackupReader, side: String) throws(ChannelBackupError) {
        try reader.skip(2, "\(side) csv delay")
        for i in 0..<5 { try Key.skip(&reader, "\(side) \(wireNames[i]) key") }
    }

    static func read(from reader: inout ChannelBackupReader, side: String) throws(ChannelBackupError) -> ChannelKeys {
        let csv = try reader.readUInt16("\(side) csv delay")
        var keys: [Key] = []
        for name in wireNames { keys.append(try Key.read(from: &reader, "\(side) \(name) key")) }
        return ChannelKeys(
            csvDelay: csv, multiSig: keys[0], revocationBase: keys[1], paymentBase: keys[2], delayBase: keys[3], htlcBase: keys[4]
        )
    }
}
