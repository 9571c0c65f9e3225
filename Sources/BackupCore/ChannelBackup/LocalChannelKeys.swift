import SeedKit

/// Our side of a channel as a Single stores it: our CSV delay and where our five base keys
/// live in the wallet (lnd re-derives the keys from these locators at restore time).
/// The fields are in lnd's serialization order: multisig, revocation, payment, delay, htlc.
public struct LocalChannelKeys: Hashable, Sendable {
    public var csvDelay: UInt16
    public var multiSig: KeyLocator
    public var revocationBase: KeyLocator
    public var paymentBase: KeyLocator
    public var delayBase: KeyLocator
    public var htlcBase: KeyLocator

    public init(
        csvDelay: UInt16, multiSig: KeyLocator, revocationBase: KeyLocator,
        paymentBase: KeyLocator, delayBase: KeyLocator, htlcBase: KeyLocator
    ) {
        self.csvDelay = csvDelay
        self.multiSig = multiSig
        self.revocationBase = revocationBase
        self.paymentBase = paymentBase
        self.delayBase = delayBase
        self.htlcBase = htlcBase
    }

    /// The five locators in wire order.
    public var locators: [KeyLocator] { [multiSig, revocationBase, paymentBase, delayBase, htlcBase] }

    static let wireNames = ["multisig", "revocation base", "payment base", "delay base", "htlc base"]

    func write(to writer: inout ByteWriter) {
        writer.writeUInt16(csvDelay)
        for locator in locators { locator.write(to: &writer) }
    }

    static func read(from reader: inout ByteReader) throws(ChannelBackupError) -> LocalChannelKeys {
        let csv = try reader.readUInt16("local csv delay")
        var locs: [KeyLocator] = []
        for name in wireNames { locs.append(try KeyLocator.read(from: &reader, "local \(name) key locator")) }
        return LocalChannelKeys(
            csvDelay: csv, multiSig: locs[0], revocationBase: locs[1], paymentBase: locs[2], delayBase: locs[3], htlcBase: locs[4]
        )
    }
}
