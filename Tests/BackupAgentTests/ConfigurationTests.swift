import BackupAgent
import BackupCore
import Foundation
import Testing
import BlobStorage
import TestSupport

@Suite("Configuration")
struct ConfigurationTests {
    @Test("Flags override the environment, which overrides the TOML file; defaults fill the rest")
    func layers() throws {
        let dir = try TemporaryDirectory(prefix: "casa-agent")
        let file = dir.path + "/backupd.toml"
        try Data("""
            lnddir = "/srv/lnd"
            network = "testnet"
            vault_url = "https://vault.example"
            metrics_port = 9000
            keep_versions = 5
            """.utf8).write(to: URL(fileURLWithPath: file))
        var flags = AgentConfigFile()
        flags.metricsPort = 9100
        let config = try AgentConfiguration.resolve(
            configPath: file,
            environment: ["CASA_BACKUPD_NETWORK": "regtest", "CASA_BACKUPD_METRICS_PORT": "9050", "HOME": "/home/pi"],
            flags: flags)
        #expect(config.lnddir == "/srv/lnd")
        #expect(config.network == "regtest")
        #expect(config.metricsPort == 9100)
        #expect(config.keepVersions == 5)
        #expect(config.vaultURL == "https://vault.example")
        #expect(config.heartbeatSeconds == 300)
        #expect(config.lndDataDirectory == "/srv/lnd/data/chain/bitcoin/regtest")
        #expect(config.deviceKeyPath == "/var/lib/casa-backupd/device.key")
    }

    @Test("Relative paths are made absolute against the working folder; ~ is the home folder")
    func relativePaths() throws {
        var flags = AgentConfigFile()
        flags.stateDir = "state"
        flags.lnddir = "~/node"
        let config = try AgentConfiguration.resolve(configPath: nil, environment: ["HOME": "/home/pi"], flags: flags)
        #expect(config.stateDirectory == FileManager.default.currentDirectoryPath + "/state")
        #expect(config.deviceKeyPath == FileManager.default.currentDirectoryPath + "/state/device.key")
        #expect(config.lnddir == "/home/pi/node")
    }

    @Test("Bad values get errors that say what to fix")
    func badValues() throws {
        let dir = try TemporaryDirectory(prefix: "casa-agent")
        let cases: [(String, [String: String], String)] = [
            ("network = \"bitcoin\"", [:], "network \"bitcoin\" is unknown"),
            ("keep_versions = 0", [:], "keep_versions must be at least 1"),
            ("metrics_port = \"x\"", [:], "backupd.toml"),
            ("", ["CASA_BACKUPD_HEARTBEAT_SECONDS": "soon"], "is not a whole number"),
            // The bundled TOML parser (toml++) aborts on these; the check before it names the line.
            ("network = \"regtest\"\n[#`casa", [:], "line 2: a table header [name] must start its name"),
            ("[ (x)]", [:], "line 1: a table header"),
            ("[[`a]]", [:], "line 1: a table header"),
            ("a = 1\u{0}", [:], "NUL byte"),
            ("lnd_rest_address = \"lnd\"", [:], "is not host:port"),
            ("lnd_rest_address = \"::1:8080\"", [:], "write an IPv6 address in brackets"),
        ]
        for (text, environment, message) in cases {
            let file = dir.path + "/backupd.toml"
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            #expect {
                try AgentConfiguration.resolve(configPath: file, environment: environment, flags: AgentConfigFile())
            } throws: { error in
                String(describing: error).contains(message)
            }
        }
        #expect(throws: AgentError.self) {
            try AgentConfiguration.resolve(configPath: dir.path + "/missing.toml", environment: [:], flags: AgentConfigFile())
        }
    }

    @Test("An unenrolled device says to run enroll; the account is read from the state directory")
    func account() throws {
        let dir = try TemporaryDirectory(prefix: "casa-agent")
        var flags = AgentConfigFile()
        flags.stateDir = dir.path
        let config = try AgentConfiguration.resolve(configPath: nil, environment: [:], flags: flags)
        #expect { try config.accountID() } throws: { String(describing: $0).contains("casa-backupd enroll") }
        let account = String(repeating: "ab", count: 32)
        try Data((account + "\n").utf8).write(to: URL(fileURLWithPath: config.accountPath))
        #expect(try config.accountID().hex == account)
    }
}
