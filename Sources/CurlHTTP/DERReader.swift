/// Just enough DER (X.690) to walk an X.509 certificate to its SubjectPublicKeyInfo.
struct DERReader {
    struct Element {
        let tag: UInt8
        /// The whole element: tag, length and content.
        let encoded: Range<Int>
        let content: Range<Int>
    }

    struct Malformed: Error {
        let reason: String
    }

    private let bytes: [UInt8]
    private var offset: Int
    private let end: Int

    init(_ bytes: [UInt8]) {
        self.init(bytes, range: 0..<bytes.count)
    }

    init(_ bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        offset = range.lowerBound
        end = range.upperBound
    }

    var isAtEnd: Bool { offset >= end }

    func peekTag() -> UInt8? {
        offset < end ? bytes[offset] : nil
    }

    mutating func read() throws(Malformed) -> Element {
        let start = offset
        guard offset + 2 <= end else { throw Malformed(reason: "truncated element") }
        let tag = bytes[offset]
        guard tag & 0x1f != 0x1f else { throw Malformed(reason: "multi-byte tags are not used in certificates") }
        var length = Int(bytes[offset + 1])
        offset += 2
        if length & 0x80 != 0 {
            let lengthBytes = length & 0x7f
            guard (1...4).contains(lengthBytes), offset + lengthBytes <= end else { throw Malformed(reason: "bad length") }
            length = 0
            for _ in 0..<lengthBytes {
                length = length << 8 | Int(bytes[offset])
                offset += 1
            }
        }
        guard length <= end - offset else { throw Malformed(reason: "element longer than its container") }
        let content = offset..<(offset + length)
        offset += length
        return Element(tag: tag, encoded: start..<offset, content: content)
    }

    mutating func read(expecting tag: UInt8, _ what: String) throws(Malformed) -> Element {
        let element = try read()
        guard element.tag == tag else { throw Malformed(reason: "expected \(what)") }
        return element
    }
}
