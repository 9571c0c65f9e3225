import Sodium
import Codecs
import LightningTypes

/// A Bitcoin transaction in wire serialization (Go `wire.MsgTx`): version LE32, CompactSize
/// input count, inputs (outpoint, script, sequence), CompactSize output count, outputs
/// (LE64 value, script), locktime LE32; with the BIP 144 marker/flag and witnesses when any
/// input has a witness. lnd stores the unsigned commitment transaction, so in backups it is
/// always the legacy layout. The exact bytes read are kept in `serialized`.
public struct BitcoinTransaction: Hashable, Sendable {
    public let version: Int32
    public let inputs: [TransactionInput]
    public let outputs: [TransactionOutput]
    public let lockTime: UInt32
    /// The bytes this transaction was read from, or its canonical serialization when built.
    public let serialized: [UInt8]

    public init(version: Int32, inputs: [TransactionInput], outputs: [TransactionOutput], lockTime: UInt32) {
        self.version = version
        self.inputs = inputs
        self.outputs = outputs
        self.lockTime = lockTime
        serialized = Self.serialize(version: version, inputs: inputs, outputs: outputs, lockTime: lockTime, witness: true)
    }

    /// Parses exactly one transaction from `bytes` (no bytes may follow).
    public init(decoding bytes: [UInt8]) throws(ChannelBackupError) {
        var reader = ChannelBackupReader(bytes)
        try self.init(from: &reader)
        guard reader.isAtEnd else { throw .trailingBytes(count: reader.remaining, after: "the transaction") }
    }

    public var hasWitness: Bool { inputs.contains { !$0.witness.isEmpty } }

    /// The txid (double SHA-256 of the serialization without witnesses), display order.
    public var txid: String {
        let legacy = hasWitness
            ? Self.serialize(version: version, inputs: inputs, outputs: outputs, lockTime: lockTime, witness: false)
            : serialized
        return Hex.encode(SHA256.hash(SHA256.hash(legacy)).reversed())
    }

    init(from reader: inout ChannelBackupReader) throws(ChannelBackupError) {
        var parts = CollectedParts(bytes: reader.bytes)
        let scanned = try Self.scan(&reader, into: &parts)
        self.init(scanned, parts: parts)
    }

    /// Builds the model from a scan's result.
    init(_ scanned: Scanned, parts: CollectedParts) {
        version = scanned.version
        lockTime = scanned.lockTime
        inputs = parts.transactionInputs
        outputs = parts.outputs
        serialized = Array(parts.bytes[scanned.range])
    }

    /// Where a scanned transaction lies, with its two fixed fields.
    struct Scanned {
        let range: Range<Int>
        let version: Int32
        let lockTime: UInt32
    }

    /// Checks one transaction at the reader's position and reports its inputs, outputs and
    /// witness items to `parts`. Copies nothing itself.
    static func scan<Parts: SingleBackupParts>(_ reader: inout ChannelBackupReader, into parts: inout Parts) throws(ChannelBackupError) -> Scanned {
        let start = reader.offset
        let version = Int32(bitPattern: UInt32(try reader.readLittleEndian(4, "commit tx version")))
        var inputCount = try reader.readCompactSize("commit tx input count")
        var segwit = false
        if inputCount == 0 {
            // BIP 144: a zero count is the marker; the next byte must be the flag 0x01.
            let flag = try reader.readUInt8("commit tx segwit flag")
            guard flag == 0x01 else {
                throw .invalidField(what: "commit tx", reason: "witness marker followed by flag \(flag), not 1")
            }
            segwit = true
            inputCount = try reader.readCompactSize("commit tx input count")
        }
        // Each input takes at least 41 bytes, each output at least 9: refuse impossible counts early.
        try check(count: inputCount, minimumEach: 41, reader: reader, what: "commit tx inputs")
        for i in 0..<inputCount {
            let txid = try reader.skip(32, "commit tx input \(i) previous txid")
            let index = UInt32(try reader.readLittleEndian(4, "commit tx input \(i) previous index"))
            let script = try skipScript(&reader, "commit tx input \(i) script")
            let sequence = UInt32(try reader.readLittleEndian(4, "commit tx input \(i) sequence"))
            parts.transactionInput(previousTxid: txid, previousIndex: index, script: script, sequence: sequence)
        }
        let outputCount = try reader.readCompactSize("commit tx output count")
        try check(count: outputCount, minimumEach: 9, reader: reader, what: "commit tx outputs")
        for i in 0..<outputCount {
            let value = Int64(bitPattern: try reader.readLittleEndian(8, "commit tx output \(i) value"))
            parts.transactionOutput(value: value, script: try skipScript(&reader, "commit tx output \(i) script"))
        }
        if segwit {
            for i in 0..<Int(inputCount) {
                let items = try reader.readCompactSize("commit tx witness \(i) item count")
                try check(count: items, minimumEach: 1, reader: reader, what: "commit tx witness items")
                for _ in 0..<items { parts.witnessItem(input: i, try skipScript(&reader, "commit tx witness \(i) item")) }
            }
        }
        let lockTime = UInt32(try reader.readLittleEndian(4, "commit tx locktime"))
        return Scanned(range: start..<reader.offset, version: version, lockTime: lockTime)
    }

    private static func skipScript(_ reader: inout ChannelBackupReader, _ what: @autoclosure () -> String) throws(ChannelBackupError) -> Range<Int> {
        let length = try reader.readCompactSize("\(what()) length")
        guard length <= UInt64(reader.remaining) else {
            throw .truncated(what: what(), offset: reader.offset, needed: Int(clamping: length), available: reader.remaining)
        }
        return try reader.skip(Int(length), what())
    }

    private static func check(count: UInt64, minimumEach: Int, reader: ChannelBackupReader, what: @autoclosure () -> String) throws(ChannelBackupError) {
        guard count <= UInt64(reader.remaining / minimumEach) else {
            throw .invalidField(what: what(), reason: "count \(count) cannot fit in the \(reader.remaining) bytes left")
        }
    }

    private static func serialize(
        version: Int32, inputs: [TransactionInput], outputs: [TransactionOutput], lockTime: UInt32, witness: Bool
    ) -> [UInt8] {
        let segwit = witness && inputs.contains { !$0.witness.isEmpty }
        var w = ByteWriter()
        w.writeLittleEndian(UInt64(UInt32(bitPattern: version)), 4)
        if segwit { w.write([0x00, 0x01]) }
        w.writeCompactSize(UInt64(inputs.count))
        for input in inputs {
            w.write(input.previousOutput.txidInternal)
            w.writeLittleEndian(UInt64(input.previousOutput.outputIndex), 4)
            w.writeCompactSize(UInt64(input.signatureScript.count))
            w.write(input.signatureScript)
            w.writeLittleEndian(UInt64(input.sequence), 4)
        }
        w.writeCompactSize(UInt64(outputs.count))
        for output in outputs {
            w.writeLittleEndian(UInt64(bitPattern: output.value), 8)
            w.writeCompactSize(UInt64(output.pkScript.count))
            w.write(output.pkScript)
        }
        if segwit {
            for input in inputs {
                w.writeCompactSize(UInt64(input.witness.count))
                for item in input.witness {
                    w.writeCompactSize(UInt64(item.count))
                    w.write(item)
                }
            }
        }
        w.writeLittleEndian(UInt64(lockTime), 4)
        return w.bytes
    }
}
