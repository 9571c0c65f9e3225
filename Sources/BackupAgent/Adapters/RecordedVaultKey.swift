import Foundation
import Logging
import Sodium
public import VaultClient
import Codecs

/// `<state_dir>/vault-response-key`: the vault's response public key as 64 hex digits and a
/// newline, recorded the first time this device talks to its vault (at `enroll`; for a device
/// enrolled before vaults signed their answers, at its first signed request). From then on
/// every answer must be signed by it (docs/agent.md "Vault response key").
public enum RecordedVaultKey {
    /// The pin for a `VaultClient`: the recorded key, or one that records the key it learns.
    public static func pin(path: String, logger: Logger = Logger(label: "casa-backupd")) throws -> VaultResponseKeyPin {
        VaultResponseKeyPin(key: try load(path)) { key in
            try DurableFile.write(Array((Hex.encode(key) + "\n").utf8), to: path, mode: 0o644)
            logger.notice("recorded the vault's response key \(Hex.encode(key)) in \(path) (trusted on first use); from now on an answer not signed by it is refused")
        }
    }

    /// The recorded key, or nil when none was recorded yet.
    public static func load(_ path: String) throws -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let key = Hex.decode(text), key.count == Ed25519.publicKeyByteCount else {
            throw AgentError.configuration("\(path) is not a vault response key (64 hex digits expected): restore it, or delete it to trust the vault's current key again (docs/agent.md \"Vault response key\")")
        }
        return key
    }
}
