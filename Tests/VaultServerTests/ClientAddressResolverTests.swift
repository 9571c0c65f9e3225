import Testing
@testable import VaultServer

/// Review M5: the per-address limit sees the real client behind a trusted proxy, never a forged one.
@Suite struct ClientAddressResolverTests {
    let resolver = try! ClientAddressResolver(trustedProxies: ["127.0.0.1", "::1", "10.0.0.0/8"])

    @Test func aTrustedProxyNamesTheRightMostUntrustedHop() {
        #expect(resolver.key(peer: "127.0.0.1", forwardedFor: ["198.51.100.7"]) == "198.51.100.7")
        // The client wrote the left part itself; the proxies appended the rest.
        #expect(resolver.key(peer: "127.0.0.1", forwardedFor: ["1.2.3.4, 198.51.100.7, 10.1.2.3"]) == "198.51.100.7")
        #expect(resolver.key(peer: "127.0.0.1", forwardedFor: ["1.2.3.4", "198.51.100.7"]) == "198.51.100.7")
        // Only trusted hops: the left-most one.
        #expect(resolver.key(peer: "127.0.0.1", forwardedFor: ["10.0.0.9, 10.0.0.8"]) == "10.0.0.9")
        // A malformed hop ends the walk at the last trusted proxy.
        #expect(resolver.key(peer: "127.0.0.1", forwardedFor: ["198.51.100.7, garbage"]) == "127.0.0.1")
    }

    @Test func anUntrustedPeerCannotChooseItsAddress() {
        #expect(resolver.key(peer: "203.0.113.5", forwardedFor: ["198.51.100.7"]) == "203.0.113.5")
        let none = try! ClientAddressResolver(trustedProxies: [])
        #expect(none.key(peer: "127.0.0.1", forwardedFor: ["198.51.100.7"]) == "127.0.0.1")
    }

    @Test func ipv6ClientsShareTheirSlash64() {
        let a = resolver.key(peer: "2001:db8:1:2::1", forwardedFor: [])
        #expect(a == resolver.key(peer: "2001:db8:1:2:ffff:ffff:ffff:ffff", forwardedFor: []))
        #expect(a != resolver.key(peer: "2001:db8:1:3::1", forwardedFor: []))
        #expect(resolver.key(peer: "::1", forwardedFor: ["[2001:db8:1:2::5]"]) == a)
        // An IPv4-mapped peer is its IPv4 address.
        #expect(resolver.key(peer: "::ffff:198.51.100.7", forwardedFor: []) == "198.51.100.7")
    }

    @Test func malformedEntriesAreAConfigurationError() {
        #expect(throws: VaultConfigurationError.self) { try ClientAddressResolver(trustedProxies: ["10.0.0.0/33"]) }
        #expect(throws: VaultConfigurationError.self) { try ClientAddressResolver(trustedProxies: ["localhost"]) }
        #expect(IPNetwork("fd00::/8")?.contains(IPAddress("fd12::1")!) == true)
        #expect(IPNetwork("10.0.0.0/8")?.contains(IPAddress("11.0.0.1")!) == false)
    }
}
