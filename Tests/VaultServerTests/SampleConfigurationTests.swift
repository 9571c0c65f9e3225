import Foundation
import Testing
@testable import VaultServer

/// vault/casa-vault.toml is what operators copy: it must start as is and name every key.
@Suite struct SampleConfigurationTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("vault/casa-vault.toml").path

    @Test func theSampleIsValid() throws {
        var configuration = VaultConfiguration()
        try configuration.apply(tomlFile: Self.sample)
        try configuration.validate()
        #expect(configuration.trustedProxies == ["127.0.0.1", "::1"])
        #expect(configuration.accountCreation == .open)
    }

    @Test func theSampleNamesEveryKey() throws {
        let text = try String(contentsOfFile: Self.sample, encoding: .utf8)
        let keys = Mirror(reflecting: VaultConfiguration.File()).children.compactMap(\.label)
        #expect(keys.count > 20)
        for key in keys {
            #expect(text.contains("\(key) = ") || text.contains("# \(key) = "), "vault/casa-vault.toml does not mention \(key)")
        }
    }
}
