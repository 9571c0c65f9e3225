import LightningTypes

/// Copies the repeated parts of one Single out of the scanned bytes, for the model
/// (`SingleBackup`, `BitcoinTransaction`).
struct CollectedParts: SingleBackupParts {
    let bytes: [UInt8]
    var addresses: [NodeAddress] = []
    var inputs: [(previousOutput: ChannelPoint, script: [UInt8], sequence: UInt32)] = []
    var outputs: [TransactionOutput] = []
    var witnesses: [Int: [[UInt8]]] = [:]

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func address(type: UInt8, data: Range<Int>, port: UInt16) {
        let data = Array(bytes[data])
        switch type {
        case 1: addresses.append(.ipv4(address: data, port: port))
        case 2: addresses.append(.ipv6(address: data, port: port))
        case 3: addresses.append(.torV2(service: data, port: port))
        case 4: addresses.append(.torV3(service: data, port: port))
        case 5: addresses.append(.dns(hostname: data, port: port))
        default: addresses.append(.padding)
        }
    }

    mutating func opaqueAddress(_ bytes: Range<Int>) {
        addresses.append(.opaque(Array(self.bytes[bytes])))
    }

    mutating func transactionInput(previousTxid: Range<Int>, previousIndex: UInt32, script: Range<Int>, sequence: UInt32) {
        let point = ChannelPoint(checkedTxid: Array(bytes[previousTxid]), outputIndex: previousIndex)
        inputs.append((point, Array(bytes[script]), sequence))
    }

    mutating func transactionOutput(value: Int64, script: Range<Int>) {
        outputs.append(TransactionOutput(value: value, pkScript: Array(bytes[script])))
    }

    mutating func witnessItem(input: Int, _ item: Range<Int>) {
        witnesses[input, default: []].append(Array(bytes[item]))
    }

    /// The transaction's inputs with their witnesses, in order.
    var transactionInputs: [TransactionInput] {
        inputs.enumerated().map { i, input in
            TransactionInput(previousOutput: input.previousOutput, signatureScript: input.script, sequence: input.sequence,
                             witness: witnesses[i] ?? [])
        }
    }
}
