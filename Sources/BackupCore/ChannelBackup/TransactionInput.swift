import LightningTypes

/// One input of a Bitcoin transaction.
public struct TransactionInput: Hashable, Sendable {
    public let previousOutput: ChannelPoint
    public let signatureScript: [UInt8]
    public let sequence: UInt32
    /// Witness stack items (empty for the unsigned commitment transactions lnd stores).
    public let witness: [[UInt8]]

    public init(previousOutput: ChannelPoint, signatureScript: [UInt8] = [], sequence: UInt32, witness: [[UInt8]] = []) {
        self.previousOutput = previousOutput
        self.signatureScript = signatureScript
        self.sequence = sequence
        self.witness = witness
    }
}
