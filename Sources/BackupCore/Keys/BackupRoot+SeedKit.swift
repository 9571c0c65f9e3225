public import SeedKit
import LightningTypes

extension BackupRoot {
    /// The recovery path from the words: the node identity key of lnd's key ring
    /// (`m/1017'/coin'/6'/0/0`) with the root domain point.
    public init(keyRing: LNDKeyRing) throws {
        try self.init(nodeIdentityKey: keyRing.privateKey(for: .nodeIdentity))
    }
}
