import Foundation
import LNDClient
import LNDSimulator
import Sodium
import Testing
import TestSupport
import LightningTypes

/// D6: with `tlsencryptkey=1`, lnd serves a temporary certificate (tls.cert.tmp, its key only in
/// memory) while locked and switches to tls.cert after unlock. casa's discovery accepts both keys,
/// so GetState and UnlockWallet work while locked (sealed auto-unlock needs exactly these).
@Suite("tlsencryptkey: lnd's temporary certificate while locked (D6)")
struct EncryptedTLSKeyTests {
    static func writeConf(_ root: URL, port: Int) {
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let conf = "[Application Options]\nrestlisten=127.0.0.1:\(port)\ntlsencryptkey=1\n\n[Bitcoin]\nbitcoin.active=1\nbitcoin.regtest=1\n"
        FileManager.default.createFile(atPath: root.appendingPathComponent("lnd.conf").path, contents: Data(conf.utf8))
    }

    static func client(_ root: URL, tlsCertPath: String? = nil) throws -> LNDClient {
        try LNDClient(LNDDiscovery(LNDDiscovery.Options(lndDir: root.path, tlsCertPath: tlsCertPath, requireMacaroon: false)).connection)
    }

    @Test("GetState and InitWallet over the temporary certificate; after a restart, UnlockWallet while locked")
    func lockedCallsWork() async throws {
        let port = LoopbackPort.unused()
        try await SimulatorHarness.with(configuration: { root in
            Self.writeConf(root, port: port)
            return SimulatorConfiguration(lndDirectory: root, adminPort: nil, startupStepDelay: .milliseconds(10))
        }) { harness in
            let directory = harness.directory
            #expect(FileManager.default.fileExists(atPath: directory.temporaryTLSCertificate.path))
            #expect(!FileManager.default.fileExists(atPath: directory.tlsCertificate.path), "no tls.cert before the first unlock")
            let fresh = try Self.client(directory.root)
            #expect(try await fresh.getState() == .nonExisting)
            let password = try SecureBytes(copying: Array(SimulatorHarness.password.utf8))
            _ = try await fresh.initWallet(password: password, mnemonic: SecureBytes(copying: Array(SimulatorHarness.vectorAMnemonic.joined(separator: " ").utf8)),
                                           aezeedPassphrase: SecureBytes(copying: Array(SimulatorHarness.vectorAPassphrase.utf8)))
            try await harness.waitFor(.serverActive)
            #expect(await eventually(limit: .seconds(5), every: .milliseconds(20)) { !FileManager.default.fileExists(atPath: directory.temporaryTLSCertificate.path) })  // a poll: the simulator announces no file removal
            #expect(FileManager.default.fileExists(atPath: directory.tlsCertificate.path))
            #expect(try await Self.client(directory.root).getState() == .serverActive)

            // A restart: LOCKED, served with a new temporary certificate.
            let permanent = try Data(contentsOf: directory.tlsCertificate)
            try await harness.simulator.lock()
            let temporary = try Data(contentsOf: directory.temporaryTLSCertificate)
            #expect(String(decoding: temporary, as: UTF8.self).contains("BEGIN CERTIFICATE"))
            // Pinning tls.cert alone (what casa did before) fails while locked.
            let copy = harness.root.appendingPathComponent("tls-only.cert")
            try permanent.write(to: copy)
            await #expect(throws: (any Error).self) { _ = try await Self.client(directory.root, tlsCertPath: copy.path).getState() }
            // Both keys accepted: the calls made while locked work, and the same client goes on after the switch.
            let locked = try Self.client(directory.root)
            #expect(try await locked.getState() == .locked)
            try await locked.unlockWallet(password: password)
            try await harness.waitFor(.serverActive)
            #expect(await eventually(limit: .seconds(5), every: .milliseconds(20)) { !FileManager.default.fileExists(atPath: directory.temporaryTLSCertificate.path) })  // a poll: the simulator announces no file removal
            #expect(try Data(contentsOf: directory.tlsCertificate) == permanent, "tls.cert is kept across restarts")
            #expect(try await Self.client(directory.root, tlsCertPath: copy.path).getState() == .serverActive)
        }
    }
}
