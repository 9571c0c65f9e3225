import Foundation
import Testing
@testable import LNDSimulator

/// The simulator's request parser: strings are copied in unescaped runs around the escapes.
@Suite("lnd-sim's JSON parser reads strings with and without escapes")
struct JSONParserTests {
    @Test("runs, every escape, a surrogate pair and multi-byte UTF-8 decode exactly")
    func strings() throws {
        let json = #"["plain", "a\"b\\c\/d\b\f\n\r\t", "\u00e9t\u00E9 \ud83d\ude00 ok", "héllo wörld", ""]"#
        let parsed = try JSONParser.parse(json)
        #expect(parsed.arrayValue?.compactMap(\.stringValue) == [
            "plain", "a\"b\\c/d\u{08}\u{0C}\n\r\t", "été 😀 ok", "héllo wörld", "",
        ])
    }

    @Test("a long base64 member and the bytes it holds")
    func longBase64() throws {
        let bytes = (0..<30_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let encoded = Data(bytes).base64EncodedString()
        let parsed = try JSONParser.parse("{\"multi_chan_backup\":\"\(encoded)\"}")
        #expect(parsed["multi_chan_backup"]?.stringValue == encoded)
        #expect(try JSONInput(members: try #require(parsed.objectMembers)).bytes("multi_chan_backup") == bytes)
    }

    @Test("bad strings are errors, not crashes")
    func badStrings() {
        for bad in ["\"unterminated", "\"bad \\x escape\"", "\"control \u{01}\"", "\"cut \\u12\""] {
            #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(bad) }
        }
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse([0x22, 0xff, 0xfe, 0x22]) }
    }
}
