import BackupAgent
import Foundation
import Testing

/// Issue 18: a misspelt key or variable would be silently ignored (and the agent would run with
/// a default the owner did not choose); it is an error that names it and the closest valid one.
@Suite struct UnknownConfigKeyTests {
    func resolve(file text: String?, environment: [String: String] = [:]) throws -> AgentConfiguration {
        var environment = environment
        environment["HOME"] = "/home/test"
        var path: String?
        if let text {
            let file = NSTemporaryDirectory() + "casa-config-\(UUID().uuidString).toml"
            FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
            path = file
        }
        defer { path.map { try? FileManager.default.removeItem(atPath: $0) } }
        return try AgentConfiguration.resolve(configPath: path, environment: environment, flags: AgentConfigFile())
    }

    @Test func aMisspeltKeyInTheFileIsNamedWithTheClosestValidOne() throws {
        let error = #expect(throws: AgentError.self) {
            try resolve(file: "vault_ulr = \"https://vault.example\"\nstate_dir = \"/tmp/x\"\n")
        }
        let text = try #require(error).description
        #expect(text.contains("unknown key \"vault_ulr\"; did you mean vault_url?"), "\(text)")
    }

    @Test func aKeyWithNothingCloseIsNamedWithTheValidKeys() throws {
        let error = #expect(throws: AgentError.self) { try resolve(file: "colour = \"blue\"\n") }
        let text = try #require(error).description
        #expect(text.contains("unknown key \"colour\" (valid keys: account, allow_admin_macaroon, device_key,"), "\(text)")
    }

    @Test func aMisspeltEnvironmentVariableIsNamedWithTheClosestValidOne() throws {
        let error = #expect(throws: AgentError.self) {
            try resolve(file: nil, environment: ["CASA_BACKUPD_VAULT_UR": "https://vault.example"])
        }
        let text = try #require(error).description
        #expect(text.contains("unknown environment variable CASA_BACKUPD_VAULT_UR; did you mean CASA_BACKUPD_VAULT_URL?"), "\(text)")
    }

    @Test func everyDocumentedKeyAndVariableIsAccepted() throws {
        let file = AgentConfigFile.keys.filter { !["account", "device_key", "vault_pin", "vault_ca_file", "socks_proxy", "second_copy_dir"].contains($0) }
            .map { key -> String in
                switch key {
                case "metrics_port", "heartbeat_seconds", "staleness_seconds", "keep_versions", "upload_retry_max_seconds": "\(key) = 19"
                case "network": "network = \"regtest\""
                case "vault_url": "vault_url = \"https://vault.example\""
                case "lnd_rest_address": "lnd_rest_address = \"127.0.0.1:8080\""
                case "allow_admin_macaroon": "allow_admin_macaroon = false"
                default: "\(key) = \"/tmp/casa-\(key)\""
                }
            }.joined(separator: "\n")
        let configuration = try resolve(file: file, environment: ["CASA_BACKUPD_KEEP_VERSIONS": "12", "OTHER_VARIABLE": "left alone"])
        #expect(configuration.keepVersions == 12)
        #expect(configuration.network == "regtest")
    }
}
