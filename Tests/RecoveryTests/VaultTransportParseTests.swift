import ArgumentParser
@testable import casa_recover
import Testing
import VaultClient

/// The vault flags as parsed (parseAsRoot): every command that takes --vault takes them, and
/// --vault-tor is Tor's default SOCKS port.
@Suite struct VaultTransportParseTests {
    @Test func vaultTorIsTorsSOCKSPort() throws {
        let command = try CasaRecover.parseAsRoot(["list", "--vault", "http://abc.onion", "--vault-tor"])
        let list = try #require(command as? CasaRecover.List)
        #expect(list.query.snapshots.vaultTransport.settings.socksProxy == "127.0.0.1:9050")
    }

    @Test func revokeDeviceTakesTheVaultFlags() throws {
        let command = try CasaRecover.parseAsRoot(["revoke-device", "--vault", "https://vault.example.org", "--vault-socks", "127.0.0.1:9150"])
        let revoke = try #require(command as? CasaRecover.RevokeDevice)
        #expect(revoke.vaultTransport.settings.socksProxy == "127.0.0.1:9150")
        #expect(revoke.vaultTransport.settings.names == .recoverFlags)
    }

    @Test func vaultTorAndVaultSocksExcludeEachOther() {
        #expect(throws: (any Error).self) {
            _ = try CasaRecover.parseAsRoot(["list", "--vault", "http://abc.onion", "--vault-tor", "--vault-socks", "127.0.0.1:9150"])
        }
    }

    @Test func aBadPinIsRefusedWhileParsing() {
        #expect(throws: (any Error).self) {
            _ = try CasaRecover.parseAsRoot(["fetch", "--vault", "https://v.example.org", "--output", "o", "--vault-pin", "abc"])
        }
    }
}
