import CommandLineSupport
import Foundation
import Recovery
import Sodium
import Testing
import TestSupport
import LightningTypes

/// status, force-close and revoke-device logic against the in-memory lnd and vault.
@Suite struct OperatorFlowTests {
    let peer = "02" + String(repeating: "aa", count: 32)

    func restored(_ pubkey: String) -> ChannelProgress {
        var progress = ChannelProgress()
        progress.restored = true
        progress.remotePubkey = pubkey
        return progress
    }

    /// M7 and D3: a connected peer proves nothing; only lnd's pending force close or closed list
    /// with a txid does, and nothing tracked is never "done".
    @Test func statusProvesOnlyWhatLndShowsOnChain() {
        let channels = [
            LNDChannel(channelPoint: "a:0", remotePubkey: peer, state: .waitingClose, restoredFromBackup: true),
            LNDChannel(channelPoint: "b:0", remotePubkey: peer, state: .pendingForceClose, closingTxid: "cc", limboBalanceSat: 40_000, maturityHeight: 900),
            LNDChannel(channelPoint: "c:0", remotePubkey: peer, state: .open, active: true),
            LNDChannel(channelPoint: "d:0", remotePubkey: peer, state: .closed, closingTxid: "dd"),
            LNDChannel(channelPoint: "e:0", remotePubkey: peer, state: .waitingClose, closingTxid: "ee"),
        ]
        let all = ChannelStatusReport(lndChannels: channels, tracked: nil, peers: [peer])
        #expect(all.channels.map(\.channelPoint) == ["a:0", "b:0", "e:0"])
        #expect(all.channels.map(\.status) == [.peerConnected, .confirmed, .closeSeen])
        #expect(all.fundsExpectedBackSat == 40_000 && !all.done && !all.swept)

        var stuck = ChannelProgress()
        stuck.lastError = "lnd refused it"
        let tracked = ChannelStatusReport(lndChannels: channels, tracked: ["a:0": restored(peer), "b:0": restored(peer), "d:0": restored(peer),
                                                                          "gone:1": restored(peer), "f:0": stuck], peers: [])
        #expect(tracked.channels.map(\.channelPoint) == ["a:0", "b:0", "d:0", "f:0", "gone:1"])
        #expect(tracked.channels.map(\.status) == [.waitingForPeer, .confirmed, .closed, .stuck, .waitingForPeer])
        #expect(tracked.channels.map(\.proven) == [false, true, true, false, false])
        #expect(tracked.channels[3].reason == "lnd refused it")
        #expect(!tracked.done)

        let proven = ChannelStatusReport(lndChannels: channels, tracked: ["b:0": restored(peer), "d:0": restored(peer)], peers: [])
        #expect(proven.done && !proven.swept)
        #expect(ChannelStatusText.render(proven).contains("Proven: lnd acted on every close on chain; 40000 sat still on the way back"))
        let swept = ChannelStatusReport(lndChannels: channels, tracked: ["d:0": restored(peer)], peers: [])
        #expect(swept.done && swept.swept)

        let nothing = ChannelStatusReport(lndChannels: [channels[2]], tracked: [:], peers: [])
        #expect(!nothing.done && !nothing.swept)
        #expect(ChannelStatusText.render(nothing).hasPrefix("Nothing is tracked"))
        #expect(!ChannelStatusReport(lndChannels: [channels[2]], tracked: nil, peers: []).done)
    }

    @Test func forceCloseDryRunClosesNothingAndARealRunClosesEach() async throws {
        let lnd = FakeRecoveryLND(state: .serverActive, identity: peer)
        lnd.channelList = [
            LNDChannel(channelPoint: "a:0", remotePubkey: peer, state: .open, localBalanceSat: 10, active: true),
            LNDChannel(channelPoint: "b:1", remotePubkey: peer, state: .open, localBalanceSat: 20),
            LNDChannel(channelPoint: "c:2", remotePubkey: peer, state: .waitingClose),
        ]
        let dry = try ForceClosePlan.make(lndChannels: try await lnd.channels(), only: [], dryRun: true)
        #expect(dry.channels.map(\.channelPoint) == ["a:0", "b:1"])
        #expect(dry.text.contains("Dry run: nothing was closed"))
        #expect(lnd.forceCloseCalls.isEmpty)

        var plan = try ForceClosePlan.make(lndChannels: try await lnd.channels(), only: ["b:1"], dryRun: false)
        await plan.execute(on: lnd)
        #expect(lnd.forceCloseCalls == ["b:1"])
        #expect(plan.channels.first?.closingTxid == String(repeating: "f", count: 64))

        #expect(throws: RecoveryError.self) { _ = try ForceClosePlan.make(lndChannels: lnd.channelList, only: ["c:2"], dryRun: false) }
    }

    @Test func revokeDeviceListsConfirmsAndRevokes() async throws {
        let fixtures = try await SnapshotFixtures().vault(counters: [1])
        let device = String(repeating: "ab", count: 32)
        let revoker = DeviceRevoker(vault: fixtures)

        let listed = try await revoker.run(device: nil, confirm: { _ in Issue.record("no question without --device"); return false })
        #expect(listed.revoked == nil && listed.devices.first?.revokedAt == nil)

        await #expect {
            _ = try await revoker.run(device: device, confirm: { _ in false })
        } throws: { error in
            (error as? RecoveryError)?.exitStatus == .declined
        }
        #expect(try await fixtures.devices().first?.revokedAt == nil)

        await #expect {
            _ = try await revoker.run(device: String(repeating: "cd", count: 32), confirm: { _ in true })
        } throws: { error in
            (error as? RecoveryError)?.exitStatus == .notFound
        }

        let done = try await revoker.run(device: device.uppercased(), confirm: { $0 == device })
        #expect(done.revoked?.revokedAt != nil)
        #expect(done.text.contains("Revoked \(device)"))
    }
}

extension OperatorFlowTests {
    @Test func aNewWalletPasswordMustBeLongEnough() throws {
        let dir = try TemporaryDirectory(prefix: "casa-password")
        let short = try dir.write("short", text: "seven77\n")
        let good = try dir.write("good", text: "eight888\n")
        #expect {
            _ = try WalletPasswordReader(file: short).read(creating: true)
        } throws: { error in
            (error as? RecoveryError)?.exitStatus == .usage
        }
        // Unlocking an existing wallet takes whatever its password is.
        #expect(try WalletPasswordReader(file: short).read(creating: false).count == 7)
        #expect(try WalletPasswordReader(file: good).read(creating: true).count == 8)
    }
}
