/// What an envelope's payload is (docs/envelope.md §4). Unknown kinds are passed through to the
/// caller, which decides; 0 is invalid.
public struct PayloadKind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// lnd's Multi SCB (`channel.backup`) exactly as lnd exports it, still lnd-encrypted.
    public static let lndMultiChannelBackup = PayloadKind(rawValue: 1)
    /// An lnd Single SCB exactly as lnd exports it, still lnd-encrypted.
    public static let lndSingleChannelBackup = PayloadKind(rawValue: 2)

    public var description: String {
        switch self {
        case .lndMultiChannelBackup: return "lnd multi channel backup"
        case .lndSingleChannelBackup: return "lnd single channel backup"
        default: return "kind \(rawValue)"
        }
    }
}
