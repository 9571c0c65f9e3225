/// What a scan of a Single reports besides its layout: the parts that repeat (address
/// descriptors, the commit transaction's inputs, outputs and witness items), as ranges of the
/// scanned bytes. Checking a Multi passes `IgnoredParts`, so nothing is copied or allocated;
/// building the model passes `CollectedParts`. One scanner, so one set of checks, serves both.
protocol SingleBackupParts {
    /// One address descriptor of a known type: padding (type 0, empty data, port 0) or types
    /// 1–5 (for DNS, `data` is the host name without its length byte).
    mutating func address(type: UInt8, data: Range<Int>, port: UInt16)
    /// A descriptor of unknown type: its type byte and everything after it to the end of the list.
    mutating func opaqueAddress(_ bytes: Range<Int>)
    mutating func transactionInput(previousTxid: Range<Int>, previousIndex: UInt32, script: Range<Int>, sequence: UInt32)
    mutating func transactionOutput(value: Int64, script: Range<Int>)
    mutating func witnessItem(input: Int, _ item: Range<Int>)
}

/// Keeps nothing: for checking a Single or a Multi without building it.
struct IgnoredParts: SingleBackupParts {
    func address(type: UInt8, data: Range<Int>, port: UInt16) {}
    func opaqueAddress(_ bytes: Range<Int>) {}
    func transactionInput(previousTxid: Range<Int>, previousIndex: UInt32, script: Range<Int>, sequence: UInt32) {}
    func transactionOutput(value: Int64, script: Range<Int>) {}
    func witnessItem(input: Int, _ item: Range<Int>) {}
}
