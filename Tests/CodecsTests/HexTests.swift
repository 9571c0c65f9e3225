import Codecs
import Testing

@Suite struct HexTests {
    @Test func encodesLowercaseAndDecodesEitherCase() {
        #expect(Hex.encode([0x00, 0x0f, 0xa5, 0xff]) == "000fa5ff")
        #expect(Hex.decode("000FA5ff") == [0x00, 0x0f, 0xa5, 0xff])
        #expect(Hex.decode("") == [])
    }

    @Test("odd length or a non-hex character is refused", arguments: ["0", "abc", "zz", "0g", " 00"])
    func refusesBadText(_ text: String) {
        #expect(Hex.decode(text) == nil)
    }

    @Test func appendWritesTheSameDigits() {
        var out: [UInt8] = Array("x".utf8)
        Hex.append([0xde, 0xad], to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "xdead")
    }
}
