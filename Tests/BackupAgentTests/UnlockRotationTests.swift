import BackupAgent
import BackupCore
import Foundation
import Sodium
import Testing
import LightningTypes
import TestSupport

/// Issue 17 / review H1: after every auto-unlock the shares are rotated, so a copy of the disk
/// taken before that unlock can never unseal the password. Real vault (SQLite) on loopback.
@Suite("Unlock share rotation", .serialized)
struct UnlockRotationTests {
    @Test("an auto-unlock rotates both shares: the seal file of a disk image taken before it no longer opens")
    func anImageTakenBeforeTheUnlockIsUseless() async throws {
        try await UnlockHarness.with { (h: UnlockHarness) async throws in
            _ = try await h.setup()
            // The thief's image of the disk, taken while the node ran.
            let imaged = try #require(try h.sealFile.read()).unsafeCopy()
            let slotBefore = try #require(try await h.vaultSlot())
            h.lnd.restart(into: .locked)  // the reboot
            let runtime = try h.agent()
            try await h.withAgent(runtime) { () async throws in
                #expect(await eventually { runtime.status.current.autoUnlock?.outcome == "unlocked" })
            }
            #expect(runtime.status.current.unlockRotationProblem == nil)
            let slotAfter = try #require(try await h.vaultSlot())
            #expect(slotAfter != slotBefore)
            let current = try #require(try h.sealFile.read())
            #expect(current.unsafeCopy() != imaged)
            #expect(!h.sealFile.next.exists)
            let share = try SecureBytes(copying: slotAfter)
            #expect(try UnlockSeal.unseal(localFile: current, vaultShare: share).unsafeCopy() == Array(FakeLNDNode.walletPassword.utf8))
            #expect(throws: (any Error).self) { try UnlockSeal.unseal(localFile: SecureBytes(copying: imaged), vaultShare: share) }
            // The next reboot unlocks with the rotated seal, and rotates again.
            h.lnd.restart(into: .locked)
            let again = try h.agent()
            try await h.withAgent(again) { () async throws in
                #expect(await eventually { again.status.current.autoUnlock?.outcome == "unlocked" })
            }
            #expect(try await h.vaultSlot() != slotAfter)
            #expect(h.lnd.unlockCount == 3)
        }
    }

    @Test("a rotation cut after the vault took the new share: the next boot unlocks with the pending seal and keeps it")
    func aCutRotationIsFinishedAtTheNextBoot() async throws {
        try await UnlockHarness.with { (h: UnlockHarness) async throws in
            _ = try await h.setup()
            // Steps 1 and 2 of a rotation, then the power goes: new seal beside the old, vault updated.
            let password = try SecureBytes(copying: Array(FakeLNDNode.walletPassword.utf8))
            let sealed = try UnlockSeal.seal(password: password)
            try h.sealFile.next.write(sealed.localFile)
            try await h.device.storeUnlockShare(sealed.vaultShare)
            h.lnd.restart(into: .locked)
            let runtime = try h.agent()
            try await h.withAgent(runtime) { () async throws in
                #expect(await eventually { runtime.status.current.autoUnlock?.outcome == "unlocked" })
            }
            #expect(!h.sealFile.next.exists)
            let share = try SecureBytes(copying: try #require(try await h.vaultSlot()))
            #expect(try UnlockSeal.unseal(localFile: try #require(try h.sealFile.read()), vaultShare: share).unsafeCopy()
                    == Array(FakeLNDNode.walletPassword.utf8))
        }
    }
}

/// Issue 17 / review H1: while the node runs (it heartbeats) the vault holds the unlock share
/// back, so a copy of its disk booted beside it gets nothing; the running agent's stopping
/// heartbeat (lnd locked, or a clean shutdown) lets the node's own reboot unlock at once.
@Suite("Unlock share held back while the node runs", .serialized)
struct UnlockWhileAliveTests {
    @Test("a copy of the disk asking while the node runs is refused; the node's own lnd restart unlocks at once")
    func heldBackWhileAliveReleasedAfterStopping() async throws {
        try await UnlockHarness.with(quietSeconds: 600) { (h: UnlockHarness) async throws in
            _ = try await h.setup()  // unlocks lnd and heartbeats: the node runs
            // A clone of the disk (same device key and seal) asks for the share: held back.
            await #expect {
                _ = try await h.device.fetchUnlockShare()
            } throws: { error in
                guard case .nodeAlive = error as? UnlockShareError else { return false }
                return (error as? UnlockShareError)?.isTransient == true
            }
            let runtime = try h.agent()
            try await h.withAgent(runtime) { () async throws in
                // The running node hears of the attempt at its next heartbeat, and says so.
                #expect(await eventually { runtime.status.current.heldBackUnlocks == 1 })
                let report = StatusReport(runtime.status.current, settings: runtime.settings)
                #expect(report.warnings.contains { $0.contains("a copy of this disk is being booted somewhere") })
                h.lnd.restart(into: .locked)  // lnd restarts: the agent sends its stopping heartbeat
                #expect(await eventually { runtime.status.current.autoUnlock?.outcome == "unlocked" })
            }
            #expect(h.lnd.unlockCount == 2)
        }
    }
}
