import Testing
import VaultServer

/// Issue 18: a misspelt key in casa-vault.toml would be silently ignored (a quota or a rate limit
/// left at its default); it is an error that names it and the closest valid key.
@Suite struct UnknownConfigKeyTests {
    @Test func aMisspeltKeyIsNamedWithTheClosestValidOne() throws {
        var configuration = VaultConfiguration()
        let error = #expect(throws: VaultConfigurationError.self) { try configuration.apply(toml: "quota_byte = 1000\nport = 8080\n") }
        let text = try #require(error).description
        #expect(text.contains("unknown key \"quota_byte\"; did you mean quota_bytes?"), "\(text)")
        #expect(configuration.port == VaultConfiguration.defaultPort, "nothing of a refused file is applied")
    }

    @Test func aTableIsAnUnknownKeyToo() throws {
        var configuration = VaultConfiguration()
        let error = #expect(throws: VaultConfigurationError.self) { try configuration.apply(toml: "[storage]\ndata_dir = \"/x\"\n") }
        #expect(try #require(error).description.contains("unknown key \"storage\""))
    }
}
