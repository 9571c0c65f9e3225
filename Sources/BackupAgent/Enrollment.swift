public import BackupCore
public import SeedKit
public import Sodium
import Foundation
import Secp256k1
import Codecs
import LightningTypes
import BlobStorage

/// `casa-backupd enroll` (docs/design.md §3.3): from the 24 words, once, creates the vault
/// account and registers this device. The words are used in memory only; the owner key signs
/// the two requests and is dropped. A wrong set of words is detected before anything is sent:
/// their node key (family 6) must be lnd's identity pubkey.
public struct Enrollment: Sendable {
    let lnd: any LNDNode
    /// The vault for the account the words give (known only after deriving the owner key).
    let vault: @Sendable (AccountID) throws -> any VaultControl
    let network: BitcoinNetwork
    let deviceKeyPath: String
    let scryptN: UInt64

    public init(lnd: any LNDNode, vault: @escaping @Sendable (AccountID) throws -> any VaultControl, network: BitcoinNetwork, deviceKeyPath: String,
                scryptN: UInt64 = CipherSeed.productionScryptN) {
        self.lnd = lnd
        self.vault = vault
        self.network = network
        self.deviceKeyPath = deviceKeyPath
        self.scryptN = scryptN
    }

    public struct Result: Sendable, Equatable {
        public let account: AccountID
        public let devicePublicKey: [UInt8]
        public let createdDeviceKey: Bool
        /// lnd's identity key, checked against the words (record it: `EnrolledNode`).
        public let nodeIdentity: [UInt8]
    }

    /// `words`: the 24 words as typed (any whitespace between them), in secure memory.
    public func enroll(words: SecureBytes, passphrase: SecureBytes?) async throws -> Result {
        let seed = try CipherSeed.decipher(enciphered: Mnemonic.enciphered(fromText: words), passphrase: passphrase, scryptN: scryptN)
        let ring = try LNDKeyRing(cipherSeed: seed, network: network)
        let nodeKey = try ring.privateKey(for: .nodeIdentity)
        let derived = nodeKey.publicKey.compressed
        let identity = try await lnd.identityPublicKey()
        guard derived == identity else {
            throw AgentError.wrongWords(expected: Hex.encode(identity), derived: Hex.encode(derived))
        }
        // The root from the words must equal the root lnd gives the agent: same keys both ways.
        let fromWords = try BackupRoot(nodeIdentityKey: nodeKey)
        let fromLND = try BackupRoot(
            sharedKey: await lnd.deriveSharedKey(ephemeralPublicKey: DomainPoint.backupRootCompressed, keyFamily: nil))
        guard fromWords.matches(fromLND) else {
            throw AgentError.lndUnavailable("lnd's DeriveSharedKey disagrees with the words; is this lnd's wallet from these words?")
        }
        let liveness = try fromWords.livenessKey()
        let owner = try OwnerKey(cipherSeed: seed)
        let (device, created) = try loadOrCreateDeviceKey()
        let vault = try vault(owner.accountID)
        try await vault.createAccount(owner: owner, livenessPublicKey: liveness.publicKey)
        try await vault.registerDevice(owner: owner, devicePublicKey: device.publicKey)
        return Result(account: owner.accountID, devicePublicKey: device.publicKey, createdDeviceKey: created, nodeIdentity: identity)
    }

    /// The device key from its 0600 file, or a new one written there.
    func loadOrCreateDeviceKey() throws -> (DeviceKey, Bool) {
        if FileManager.default.fileExists(atPath: deviceKeyPath) {
            return (try Self.loadDeviceKey(at: deviceKeyPath), false)
        }
        let key = try DeviceKey.generate()
        var seed = try key.seed().unsafeCopy()
        defer { SecureBytes.zero(&seed) }
        try DurableFile.write(seed, to: deviceKeyPath, mode: 0o600)
        return (key, true)
    }

    /// Reads a device key file (32-byte seed, mode 0600).
    public static func loadDeviceKey(at path: String) throws -> DeviceKey {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AgentError.notEnrolled("cannot read the device key \(path)")
        }
        var bytes = [UInt8](data)
        defer { for i in bytes.indices { bytes[i] = 0 } }
        do {
            return try DeviceKey(seed: SecureBytes(copying: bytes))
        } catch {
            throw AgentError.configuration("\(path) is not a device key (32 bytes expected, got \(bytes.count))")
        }
    }
}
