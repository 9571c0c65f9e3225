/// Collects where each address descriptor of a Single lies (type byte to port), and nothing
/// else: what the order-independent digest of a Multi needs (`ChannelSetDigest`).
struct AddressDescriptorRanges: SingleBackupParts {
    var descriptors: [Range<Int>] = []

    mutating func address(type: UInt8, data: Range<Int>, port: UInt16) {
        switch type {
        case 0: descriptors.append(data.lowerBound..<data.lowerBound + 1)
        case 5: descriptors.append(data.lowerBound - 2..<data.upperBound + 2)  // type, length, name, port
        default: descriptors.append(data.lowerBound - 1..<data.upperBound + 2)  // type, data, port
        }
    }

    mutating func opaqueAddress(_ bytes: Range<Int>) { descriptors.append(bytes) }
    func transactionInput(previousTxid: Range<Int>, previousIndex: UInt32, script: Range<Int>, sequence: UInt32) {}
    func transactionOutput(value: Int64, script: Range<Int>) {}
    func witnessItem(input: Int, _ item: Range<Int>) {}
}
