/// The peer's side of a channel as a Single stores it: their CSV delay and their five base
/// public keys, in lnd's order: multisig, revocation, payment, delay, htlc.
public struct RemoteChannelKeys: Hashable, Sendable {
    public var csvDelay: UInt16
    public var multiSig: CompressedPublicKey
    public var revocationBase: CompressedPublicKey
    public var paymentBase: CompressedPublicKey
    public var delayBase: CompressedPublicKey
    public var htlcBase: CompressedPublicKey

    public init(
        csvDelay: UInt16, multiSig: CompressedPublicKey, revocationBase: CompressedPublicKey,
        paymentBase: CompressedPublicKey, delayBase: CompressedPublicKey, htlcBase: CompressedPublicKey
    ) {
        self.csvDelay = csvDelay
        self.multiSig = multiSig
        self.revocationBase = revocationBase
        self.paymentBase = paymentBase
        self.delayBase = delayBase
        self.htlcBase = htlcBase
    }

    /// The five keys in wire order.
    public var keys: [CompressedPublicKey] { [multiSig, revocationBase, paymentBase, delayBase, htlcBase] }

    func write(to writer: inout ByteWriter) {
        writer.writeUInt16(csvDelay)
        for key in keys { writer.write(key.bytes) }
    }

    static func read(from reader: inout ByteReader) throws(ChannelBackupError) -> RemoteChannelKeys {
        let csv = try reader.readUInt16("remote csv delay")
        var keys: [CompressedPublicKey] = []
        for name in LocalChannelKeys.wireNames {
            keys.append(try CompressedPublicKey.read(from: &reader, "remote \(name) public key"))
        }
        return RemoteChannelKeys(
            csvDelay: csv, multiSig: keys[0], revocationBase: keys[1], paymentBase: keys[2], delayBase: keys[3], htlcBase: keys[4]
        )
    }
}
