import LightningPeer
import Testing

@Suite struct PeerAddressTests {
    @Test func parsesEveryForm() throws {
        #expect(try PeerAddress(parsing: "node.example:9736") == PeerAddress(host: "node.example", port: 9736))
        #expect(try PeerAddress(parsing: "203.0.113.5") == PeerAddress(host: "203.0.113.5", port: 9735))
        #expect(try PeerAddress(parsing: "[2001:db8::1]:9737") == PeerAddress(host: "2001:db8::1", port: 9737))
        #expect(try PeerAddress(parsing: "[2001:db8::1]") == PeerAddress(host: "2001:db8::1", port: 9735))
        #expect(try PeerAddress(parsing: "2001:db8::1") == PeerAddress(host: "2001:db8::1", port: 9735))
        let onion = try PeerAddress(parsing: "vww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyyd.onion:9735")
        #expect(onion.isOnion)
        #expect(PeerAddress(host: "2001:db8::1", port: 1).description == "[2001:db8::1]:1")
    }

    @Test func rejectsBadInput() {
        for bad in ["", "host:", "host:0", "host:70000", "host:abc", "[::1", "[::1]x", "a b:1", "pub@host:1", ":9735"] {
            #expect(throws: PeerError.self, "\(bad)") { _ = try PeerAddress(parsing: bad) }
        }
    }
}
