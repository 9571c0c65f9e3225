import Foundation
import Testing
import TestSupport
import VaultServer

/// Where the vault's response key lives (`response_key_file`, docs/vault-api.md "Signed responses").
@Suite struct ResponseKeyFileTests {
    @Test func sqliteMakesTheKeyOnceNextToTheDatabase() throws {
        let data = try TestSupport.TemporaryDirectory()
        var configuration = VaultConfiguration()
        configuration.storage = .sqlite(directory: data.path + "/vault")
        let first = try configuration.loadResponseKey()
        let path = data.path + "/vault/response-key"
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect((attributes[.size] as? Int) == 32)
        // A restart signs with the same key: devices recorded it.
        #expect(try configuration.loadResponseKey().publicKey == first.publicKey)
    }

    @Test func aKeyOthersCanReadIsRefused() throws {
        let data = try TestSupport.TemporaryDirectory()
        let path = data.path + "/key"
        FileManager.default.createFile(atPath: path, contents: Data(repeating: 7, count: 32), attributes: [.posixPermissions: 0o644])
        var configuration = VaultConfiguration()
        configuration.responseKeyFile = path
        #expect { try configuration.loadResponseKey() } throws: { "\($0)".contains("chmod 600 \(path)") }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        _ = try configuration.loadResponseKey()
    }

    @Test func aFileOfTheWrongSizeIsRefused() throws {
        let data = try TestSupport.TemporaryDirectory()
        let path = data.path + "/key"
        FileManager.default.createFile(atPath: path, contents: Data(repeating: 7, count: 31), attributes: [.posixPermissions: 0o600])
        var configuration = VaultConfiguration()
        configuration.responseKeyFile = path
        #expect { try configuration.loadResponseKey() } throws: { "\($0)".contains("exactly 32 bytes") }
    }

    /// Several processes share one PostgreSQL database: each must sign with the same key, so the
    /// operator names one file, and the vault never makes its own there.
    @Test func postgresNeedsAGivenFile() throws {
        var configuration = VaultConfiguration()
        configuration.storage = .postgres(url: "postgres://casa@127.0.0.1/casa")
        #expect { try configuration.validate() } throws: { "\($0)".contains("response_key_file") }
        let data = try TestSupport.TemporaryDirectory()
        try configuration.apply(toml: "response_key_file = \"\(data.path)/missing\"")
        try configuration.validate()
        #expect { try configuration.loadResponseKey() } throws: { "\($0)".contains("does not exist") }
        #expect(!FileManager.default.fileExists(atPath: data.path + "/missing"))
    }
}
