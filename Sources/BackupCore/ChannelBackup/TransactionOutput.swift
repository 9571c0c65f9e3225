/// One output of a Bitcoin transaction.
public struct TransactionOutput: Hashable, Sendable {
    /// Satoshis. Serialized as a signed 64-bit little-endian integer, as in Bitcoin.
    public let value: Int64
    public let pkScript: [UInt8]

    public init(value: Int64, pkScript: [UInt8]) {
        self.value = value
        self.pkScript = pkScript
    }
}
