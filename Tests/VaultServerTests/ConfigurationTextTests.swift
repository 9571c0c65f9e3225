import Foundation
import Testing
@testable import VaultServer

/// Configuration text the bundled TOML parser (toml++ 3.4) aborts on gets an error with the
/// line instead (Tests/Vectors/fuzz-regressions/toml/parse-key-assertion and minimal forms).
@Suite struct ConfigurationTextTests {
    @Test(arguments: ["[#", "[ #x]", "port = 8080\n[(]", "[[`", "host = \"a\"\u{0}"])
    func textTheParserAbortsOnIsAnError(_ text: String) {
        var configuration = VaultConfiguration()
        #expect(throws: VaultConfigurationError.self) { try configuration.apply(toml: text) }
    }

    @Test func theFuzzersVectorIsAnError() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Vectors/fuzz-regressions/toml/parse-key-assertion")
        let text = String(decoding: try Data(contentsOf: url).dropFirst(), as: UTF8.self)  // without its leading NUL
        var configuration = VaultConfiguration()
        #expect(throws: VaultConfigurationError.self) { try configuration.apply(toml: text) }
    }

    /// Headers are found only at the start of a line and outside values: arrays spread over
    /// lines, strings and comments with brackets still parse.
    @Test func validFilesWithBracketsStillParse() throws {
        var configuration = VaultConfiguration()
        try configuration.apply(toml: """
            # [#not a header]
            trusted_proxies = [
              "127.0.0.1",   # ["x"
            ]
            log_level = "info"
            """)
        #expect(configuration.trustedProxies == ["127.0.0.1"])
    }
}
