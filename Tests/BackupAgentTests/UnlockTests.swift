import BackupAgent
import BackupCore
import Foundation
import Sodium
import Testing
import LightningTypes
import TestSupport

/// Sealed auto-unlock end to end: a real vault (production router, SQLite) on loopback, a fake
/// lnd with a wallet password, the agent's services (docs/design.md §6).
@Suite("Sealed auto-unlock")
struct UnlockTests {
    static let password = Array(FakeLNDNode.walletPassword.utf8)

    @Test("setup unlocks lnd first, then seals: a 0600 local file, a 32-byte vault share, neither holds the password")
    func setupSealsAfterUnlock() async throws {
        try await UnlockHarness.with { (h: UnlockHarness) async throws in
            let result = try await h.setup()
            #expect(h.lnd.unlockCount == 1)
            #expect(h.lnd.walletState.acceptsRPCs)
            #expect(result.releaseArmed, "setup's own liveness heartbeat arms the release: \(result.heartbeatProblem ?? "")")

            let file = try #require(try h.sealFile.read()).unsafeCopy()
            #expect(h.sealFile.mode == 0o600)
            let share = try #require(try await h.vaultSlot())
            #expect(share.count == UnlockSeal.shareByteCount)
            #expect(!file.contains(bytes: Self.password) && !share.contains(bytes: Self.password))
            // Both halves together give the password back.
            let opened = try UnlockSeal.unseal(localFile: SecureBytes(copying: file), vaultShare: SecureBytes(copying: share))
            #expect(opened.unsafeCopy() == Self.password)
            // Nothing under the state directory holds the password in plain.
            for path in h.stateFiles() {
                let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
                #expect(!bytes.contains(bytes: Self.password), "\(path) contains the password")
            }
        }
    }

    @Test("a wrong password seals nothing: lnd stays locked, no local file, an empty vault slot")
    func wrongPasswordSealsNothing() async throws {
        try await UnlockHarness.with { (h: UnlockHarness) async throws in
            await #expect {
                _ = try await h.setup(password: "not the password")
            } throws: { error in
                guard case UnlockError.wrongPassword(let message) = error else { return false }
                return message.contains("invalid passphrase")
            }
            #expect(h.lnd.walletState == .locked)
            #expect(!h.sealFile.exists)
            #expect(try await h.vaultSlot() == nil)
            #expect(h.stateFiles().isEmpty)
        }
    }

    @Test("setup refuses an lnd that is not LOCKED (the password cannot be proven) and seals nothing")
    func setupNeedsALockedLND() async throws {
        try await UnlockHarness.with { (h: UnlockHarness) async throws in
            h.lnd.restart(into: .serverActive)
            await #expect {
                _ = try await h.setup()
            } throws: { error in
                guard case UnlockError.notLocked(let state) = error else { return false }
                return state == "SERVER_ACTIVE"
            }
            #expect(!h.sealFile.exists)
            #expect(try await h.vaultSlot() == nil)
        }
    }

    @Test("at boot the agent sees LOCKED, fetches the share, unseals and unlocks lnd, then backs up")
    func bootUnlock() async throws {
        try await UnlockHarness.with { (h: UnlockHarness) async throws in
            _ = try await h.setup()
            h.lnd.restart(into: .locked)  // the reboot
            let runtime = try h.agent()
            try await h.withAgent(runtime) { () async throws in
                #expect(await eventually { h.lnd.walletState.acceptsRPCs })
                #expect(h.lnd.unlockCount == 2)
                #expect(await eventually { runtime.status.current.autoUnlock?.outcome == "unlocked" })
                // The follower goes on as after a manual unlock: keys, a snapshot.
                #expect(await eventually { runtime.status.current.keysAvailable && runtime.status.current.lastSnapshotSequence == 1 })
            }
        }
    }

    @Test("after revoke-device the box cannot unlock: lnd stays locked and status says the device was revoked")
    func revokedDeviceCannotUnlock() async throws {
        try await UnlockHarness.with { (h: UnlockHarness) async throws in
            _ = try await h.setup()
            try await h.revokeDevice()
            #expect(try await h.vaultSlot() == nil, "revocation empties the slot")
            h.lnd.restart(into: .locked)
            let runtime = try h.agent()
            try await h.withAgent(runtime) { () async throws in
                #expect(await eventually { runtime.status.current.autoUnlock?.outcome == "refused" })
                let record = try #require(runtime.status.current.autoUnlock)
                #expect(record.problem?.contains("revoked") == true, "\(record)")
                #expect(h.lnd.walletState == .locked)
                #expect(h.lnd.unlockCount == 1, "only setup's unlock")
                let report = StatusReport(runtime.status.current, settings: runtime.settings)
                #expect(report.warnings.contains { $0.contains("sealed auto-unlock refused") && $0.contains("revoked") })
            }
            let status = await UnlockStatusReport.check(vault: h.device, sealFile: h.sealFile, agent: nil)
            #expect(status.vault == "revoked")
        }
    }

    @Test("a heartbeat gap longer than the window keeps lnd locked until a heartbeat from the unlocked node re-arms it")
    func gapLocksUntilHeartbeat() async throws {
        try await UnlockHarness.with { (h: UnlockHarness) async throws in
            _ = try await h.setup()
            // The box was off for longer than the owner's window (default 3 days).
            h.clock.advance(seconds: 3 * 86_400 + 60)
            h.lnd.restart(into: .locked)
            let runtime = try h.agent()
            try await h.withAgent(runtime) { () async throws in
                #expect(await eventually { runtime.status.current.autoUnlock?.outcome == "refused" })
                #expect(runtime.status.current.autoUnlock?.problem?.contains("outside the release window") == true)
                #expect(h.lnd.walletState == .locked)
                #expect(try await !h.device.releaseState().releaseArmed)

                // The owner unlocks by hand; the agent's heartbeat (liveness key, only in an unlocked
                // node) re-arms the release at once.
                #expect(try await h.lnd.unlockWallet(password: SecureBytes(copying: Self.password)) == .unlocked)
                #expect(await eventually { (try? await h.device.releaseState().releaseArmed) == true })

                // Next reboot: unlocked without anyone.
                h.lnd.restart(into: .locked)
                #expect(await eventually { h.lnd.walletState.acceptsRPCs })
                #expect(h.lnd.unlockCount == 3)
            }
        }
    }

    @Test("the vault share alone or the local share alone cannot unseal")
    func oneShareIsNotEnough() async throws {
        try await UnlockHarness.with { (h: UnlockHarness) async throws in
            _ = try await h.setup()
            let file = try #require(try h.sealFile.read()).unsafeCopy()
            let share = try #require(try await h.vaultSlot())
            // The local file with any other vault share (e.g. a guess, or a stale one).
            #expect(throws: UnlockSealError.wrongVaultShare) {
                try UnlockSeal.unseal(localFile: SecureBytes(copying: file), vaultShare: .random(count: 32))
            }
            // The vault share with the ciphertext but without the real local share.
            var forged = file
            for i in 8..<40 { forged[i] = UInt8.random(in: 0...255) }
            #expect(throws: UnlockSealError.wrongVaultShare) {
                try UnlockSeal.unseal(localFile: SecureBytes(copying: forged), vaultShare: SecureBytes(copying: share))
            }
            // Without the local file the agent does not even try; lnd stays locked.
            try h.sealFile.remove()
            h.lnd.restart(into: .locked)
            let runtime = try h.agent()
            try await h.withAgent(runtime) { () async throws in
                #expect(await eventually { runtime.status.current.autoUnlock?.outcome == "not set up" })
                #expect(h.lnd.walletState == .locked)
            }
        }
    }

    @Test("a vault that is down at boot: bounded retries, then lnd waits for a manual unlock and status says why")
    func vaultDownAtBoot() async throws {
        let h = try await UnlockHarness.start()
        _ = try await h.setup()
        await h.stop()
        h.lnd.restart(into: .locked)
        let runtime = try h.agent()
        try await h.withAgent(runtime) { () async throws in
            #expect(await eventually(limit: .seconds(30)) { runtime.status.current.autoUnlock?.outcome == "gave up" })
            #expect(runtime.status.current.autoUnlock?.problem?.contains("unreachable") == true)
            #expect(h.lnd.walletState == .locked)
        }
    }

    @Test("disable clears the vault slot and removes the local file; status then says not set up")
    func disableRemovesBothHalves() async throws {
        try await UnlockHarness.with { (h: UnlockHarness) async throws in
            _ = try await h.setup()
            let armed = await UnlockStatusReport.check(vault: h.device, sealFile: h.sealFile, agent: nil)
            #expect(armed.enabled && armed.vault == "armed" && armed.sealMode == "600" && armed.warnings.isEmpty, "\(armed)")
            let result = try await UnlockDisable(vault: h.device, sealFile: h.sealFile).disable()
            #expect(result.localFileRemoved && result.vaultCleared && result.vaultProblem == nil, "\(result)")
            #expect(!h.sealFile.exists)
            #expect(try await h.vaultSlot() == nil)
            await #expect(throws: UnlockShareError.noShare) { _ = try await h.device.fetchUnlockShare() }
            let off = await UnlockStatusReport.check(vault: h.device, sealFile: h.sealFile, agent: nil)
            #expect(!off.enabled && off.warnings.contains { $0.contains("not set up") })
        }
    }

    @Test("the seal file is written 0600 even over a leftover temporary file with a wider mode; a wider mode is reported")
    func sealFileModeStays0600() async throws {
        let dir = try TemporaryDirectory(prefix: "casa-agent")
        let file = UnlockSealFile(stateDirectory: dir.path)
        FileManager.default.createFile(atPath: file.path + ".tmp", contents: Data([1, 2, 3]), attributes: [.posixPermissions: 0o644])
        try file.write(SecureBytes(copying: Array(repeating: 7, count: 144)))
        #expect(file.mode == 0o600)
        #expect(file.permissionProblem == nil)
        #expect(try file.read()?.count == 144)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        let report = await UnlockStatusReport.check(vault: nil, sealFile: file, agent: nil)
        #expect(report.sealMode == "644")
        #expect(report.warnings.contains { $0.contains("must be 0600") }, "\(report.warnings)")
        #expect(try file.remove())
        #expect(!file.exists)
    }
}
