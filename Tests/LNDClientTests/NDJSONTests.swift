@testable import LNDClient
import Testing

@Suite("NDJSON line splitting")
struct NDJSONTests {
    static let stream = Array(#"{"result":{"state":"LOCKED"}}"#.utf8) + [0x0a]
        + Array("{\"result\":{\"state\":\"RPC_ACTIVE\",\"x\":\"é\"}}\r\n".utf8)
        + Array(#"{"result":{"state":"SERVER_ACTIVE"}}"#.utf8) + [0x0a]

    @Test("every split position of the byte stream gives the same lines")
    func everySplit() throws {
        for cut in 0...Self.stream.count {
            for secondCut in stride(from: cut, through: Self.stream.count, by: 7) {
                var splitter = NDJSONLineSplitter()
                var lines: [[UInt8]] = []
                for piece in [Self.stream[..<cut], Self.stream[cut..<secondCut], Self.stream[secondCut...]] {
                    splitter.append(Array(piece))
                    while let line = try splitter.nextLine() { lines.append(line) }
                }
                #expect(lines.count == 3)
                #expect(String(decoding: lines[1], as: UTF8.self).hasSuffix("\"é\"}}"))
                #expect(splitter.remainder.isEmpty)
            }
        }
    }

    @Test("a line over the limit is refused")
    func lineLimit() {
        var splitter = NDJSONLineSplitter(maxLineBytes: 10)
        splitter.append([UInt8](repeating: 0x41, count: 11))
        #expect(throws: LNDError.self) { try splitter.nextLine() }
    }
}
