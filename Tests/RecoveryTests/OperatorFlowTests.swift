import Foundation
import Recovery
import Sodium
import Testing
import TestSupport

/// status, force-close and revoke-device logic against the in-memory lnd and vault.
@Suite struct OperatorFlowTests {
    let peer = "02" + String(repeating: "aa", count: 32)

    @Test func statusFollowsRestoredChannelsUntilResolved() {
        let channels = [
            LNDChannel(channelPoint: "a:0", remotePubkey: peer, state: .waitingClose),
            LNDChannel(channelPoint: "b:0", remotePubkey: peer, state: .pendingForceClose, closingTxid: "cc", limboBalanceSat: 40_000, maturityHeight: 900),
            LNDChannel(channelPoint: "c:0", remotePubkey: peer, state: .open, active: true),
        ]
        let all = ChannelStatusReport(lndChannels: channels, tracked: nil)
        #expect(all.channels.map(\.channelPoint) == ["a:0", "b:0"])
        #expect(all.waitingClose == 1 && all.pendingForceClose == 1 && all.fundsExpectedBackSat == 40_000 && !all.done)
        #expect(ChannelStatusText.render(all).contains("40000 sat still on the way back"))

        let tracked = ChannelStatusReport(lndChannels: channels, tracked: ["b:0", "gone:1"])
        #expect(tracked.channels.map(\.channelPoint) == ["b:0"])
        #expect(tracked.resolved == ["gone:1"])

        let over = ChannelStatusReport(lndChannels: [channels[2]], tracked: ["a:0"])
        #expect(over.done && over.resolved == ["a:0"])
    }

    @Test func forceCloseDryRunClosesNothingAndARealRunClosesEach() async throws {
        let lnd = FakeLND(state: .serverActive, identity: peer)
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
