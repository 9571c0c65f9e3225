import SeedKit
import Codecs
import LightningTypes

/// How to re-derive the channel's revocation (shachain) root: a legacy public key to search
/// for in family 5, or (all-zero key, the modern scheme) the key at `locator` used in an ECDH
/// with our multisig key (docs/lnd.md §1.3, chanrestore.go).
public struct ShachainRoot: Hashable, Sendable {
    /// The legacy root pubkey; nil when lnd wrote 33 zero bytes.
    public var legacyPublicKey: CompressedPublicKey?
    public var locator: KeyLocator

    public init(legacyPublicKey: CompressedPublicKey?, locator: KeyLocator) {
        self.legacyPublicKey = legacyPublicKey
        self.locator = locator
    }

    func write(to writer: inout ByteWriter) {
        writer.write((legacyPublicKey ?? .zero).bytes)
        locator.write(to: &writer)
    }

    static func skip(_ reader: inout ChannelBackupReader) throws(ChannelBackupError) {
        try CompressedPublicKey.skip(&reader, "shachain root public key")
        try KeyLocator.skip(&reader, "shachain key locator")
    }

    static func read(from reader: inout ChannelBackupReader) throws(ChannelBackupError) -> ShachainRoot {
        let key = try CompressedPublicKey.read(from: &reader, "shachain root public key")
        let locator = try KeyLocator.read(from: &reader, "shachain key locator")
        return ShachainRoot(legacyPublicKey: key.isZero ? nil : key, locator: locator)
    }
}
