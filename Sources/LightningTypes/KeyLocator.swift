/// lnd's key locator: a key family and an index under `m/1017'/coin'/family'/0/index`
/// (docs/lnd.md §2.6). Parsers must accept any family number (leased channels use 9999).
public struct KeyLocator: Hashable, Sendable, CustomStringConvertible {
    public var family: UInt32
    public var index: UInt32

    public init(family: UInt32, index: UInt32) {
        self.family = family
        self.index = index
    }

    public init(_ family: KeyFamily, index: UInt32) {
        self.init(family: family.rawValue, index: index)
    }

    public var description: String { "(\(family), \(index))" }

    /// The node identity key, m/1017'/coin'/6'/0/0.
    public static let nodeIdentity = KeyLocator(.nodeKey, index: 0)
    /// lnd's SCB encryption key, m/1017'/coin'/7'/0/0.
    public static let backupEncryption = KeyLocator(.baseEncryption, index: 0)
}
