import CurlHTTP
import Foundation
@testable import LNDClient
import SeedKit
import Sodium
import Testing
import TestSupport
import Codecs
import LightningTypes

/// The client end to end over loopback TLS against Tests/Servers/fake_lnd.py.
@Suite("LNDClient against a fake lnd over TLS")
struct FakeLNDTests {
    let directory: TemporaryDirectory
    let server: ChildProcess
    let port: Int
    let certificate: SelfSignedCertificate

    init() throws {
        directory = try TemporaryDirectory()
        certificate = try SelfSignedCertificate(in: directory.path)
        let script = LNDClientFixtures.vectors.deletingLastPathComponent().appendingPathComponent("Servers/fake_lnd.py").path
        server = try ChildProcess(program: "python3", [
            script, "--cert", certificate.certificatePath, "--key", certificate.keyPath,
            "--vectors", LNDClientFixtures.vectors.appendingPathComponent("lnd").path,
            "--macaroon-hex", Hex.encode(MacaroonFactory.leastPrivilege),
        ])
        guard let port = Int(try server.waitForLine(prefix: "PORT ")) else { throw ChildProcess.Failure(description: "no port") }
        self.port = port
    }

    func client(macaroon: [UInt8] = MacaroonFactory.leastPrivilege) throws -> LNDClient {
        try LNDClient(LNDConnection(
            baseURL: "https://127.0.0.1:\(port)", security: .pinned(PinnedCertificate(pem: certificate.pem())),
            macaroon: LNDMacaroon(bytes: SecureBytes(copying: macaroon))
        ))
    }

    @Test("locked wallet: typed error, unlock with the right password, then every call works")
    func unlockAndCall() async throws {
        let lnd = try client()
        #expect(try await lnd.getState() == .locked)
        await #expect(throws: LNDError.self) { try await lnd.getInfo() }
        do {
            _ = try await lnd.getInfo()
        } catch let error as LNDError {
            guard case .walletLocked = error else { Issue.record("expected walletLocked, got \(error)"); return }
        }
        await #expect(throws: LNDError.self) { try await lnd.unlockWallet(password: SecureBytes(copying: Array("wrong password".utf8))) }
        try await lnd.unlockWallet(password: SecureBytes(copying: Array("correct horse battery".utf8)))
        do {
            try await lnd.unlockWallet(password: SecureBytes(copying: Array("correct horse battery".utf8)))
        } catch let error as LNDError {
            guard case .walletAlreadyUnlocked = error else { Issue.record("unexpected \(error)"); return }
        }

        #expect(try await lnd.getInfo().alias == "casa-node")
        #expect(try await lnd.listChannels().count == 2)
        #expect(try await lnd.pendingChannels().waitingClose.count == 1)
        let snapshot = try await lnd.exportAllChannelBackups()
        #expect(snapshot.singles.count == 2)
        let multi = try #require(snapshot.multi)
        #expect(try await lnd.verify(multi: multi.backup).count == 2)
        #expect(try await lnd.verify(single: snapshot.singles[0]).count == 2)
        #expect(try await lnd.restoreChannelBackups(multi: multi.backup) == 2)
        let g = try #require(Hex.decode("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"))
        let key = try await lnd.deriveSharedKey(ephemeralPublicKey: g, keyLocator: .backupEncryption)
        #expect(key.unsafeCopy().prefix(4) == [0x35, 0x11, 0x03, 0x3a])
        let node = try await lnd.getNodeInfo(pubkey: "02" + String(repeating: "11", count: 32))
        #expect(node.addresses.count == 2)
        try await lnd.connectPeer(pubkey: node.pubKey, host: node.addresses[0].addr)
    }

    @Test("a wrong macaroon is a permission error")
    func wrongMacaroon() async throws {
        let lnd = try client(macaroon: MacaroonFactory.admin)
        try await lnd.unlockWallet(password: SecureBytes(copying: Array("correct horse battery".utf8)))
        do {
            _ = try await lnd.getInfo()
            Issue.record("expected a permission error")
        } catch let error as LNDError {
            guard case .permissionDenied = error else { Issue.record("unexpected \(error)"); return }
        }
    }

    @Test("SubscribeState: every state, from lines split across chunks")
    func subscribeState() async throws {
        var states: [WalletState] = []
        for try await state in try await client().subscribeState() { states.append(state) }
        #expect(states == [.locked, .unlocked, .rpcActive, .serverActive])
    }

    @Test("SubscribeChannelBackups: snapshots, then lnd's error line ends the stream with a typed error")
    func subscribeBackups() async throws {
        let lnd = try client()
        try await lnd.unlockWallet(password: SecureBytes(copying: Array("correct horse battery".utf8)))
        var snapshots = 0
        do {
            for try await snapshot in try await lnd.subscribeChannelBackups() {
                #expect(snapshot.singles.count == 2)
                snapshots += 1
            }
            Issue.record("expected the error line")
        } catch let error as LNDError {
            guard case .rpc(14, "stream closed by server", _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(error.isTransient)
        }
        #expect(snapshots == 2)
    }

    @Test("force close: pending, closed, then a malformed line is a clear error")
    func forceClose() async throws {
        let lnd = try client()
        try await lnd.unlockWallet(password: SecureBytes(copying: Array("correct horse battery".utf8)))
        var updates: [CloseStatusUpdate] = []
        do {
            for try await update in try await lnd.forceCloseChannel(ChannelPoint(parsing: "0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0:0")) {
                updates.append(update)
            }
            Issue.record("expected a malformed-line error")
        } catch let error as LNDError {
            guard case .malformedStream = error else { Issue.record("unexpected \(error)"); return }
        }
        #expect(updates.count == 2)
    }

    @Test("GenSeed and InitWallet carry secrets in lnd's JSON shapes")
    func initWallet() async throws {
        let lnd = try client()
        let seed = try await lnd.genSeed()
        #expect(seed.encipheredSeed.count == 33)
        let macaroon = try await lnd.initWallet(password: SecureBytes(copying: Array("correct horse battery".utf8)), mnemonic: seed.mnemonic)
        #expect(macaroon.bytes.unsafeCopy() == [2] + Array("admin".utf8))
        await #expect(throws: LNDError.self) {
            try await lnd.initWallet(password: SecureBytes(copying: Array("short".utf8)), mnemonic: seed.mnemonic)
        }
        await #expect(throws: LNDError.self) {
            try await lnd.initWallet(password: SecureBytes(copying: Array("correct horse battery".utf8)),
                                     mnemonic: SecureBytes(copying: Array("abandon\",\"x".utf8)))
        }
    }

    @Test("a changed tls.cert is reported as such")
    func certificateChanged() async throws {
        let other = try SelfSignedCertificate(in: directory.path, name: "rotated")
        let lnd = try LNDClient(LNDConnection(
            baseURL: "https://127.0.0.1:\(port)", security: .pinned(PinnedCertificate(pem: other.pem())), macaroon: nil
        ))
        do {
            _ = try await lnd.getState()
            Issue.record("expected a pin mismatch")
        } catch let error as LNDError {
            guard case .transport(.certificateChanged) = error else { Issue.record("unexpected \(error)"); return }
            #expect(error.description.contains("changed"))
        }
    }
}
