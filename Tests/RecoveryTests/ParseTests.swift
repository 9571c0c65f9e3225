import ArgumentParser
@testable import casa_recover
import Recovery
import SeedKit
import Testing
import LightningTypes

/// Argument parsing only (parseAsRoot): no secrets read, nothing run.
@Suite struct ParseTests {
    @Test func fetchTakesItsOptions() throws {
        let command = try CasaRecover.parseAsRoot(["fetch", "--from", "/media/usb", "--output", "cb", "--snapshot", "7", "--force", "--json", "--words-file", "w"])
        let fetch = try #require(command as? CasaRecover.Fetch)
        #expect(fetch.output == "cb" && fetch.selection.version == 7 && fetch.force && fetch.json)
        #expect(fetch.query.snapshots.from == ["/media/usb"])
        #expect(fetch.query.seed.wordsFile == "w")
    }

    @Test func fetchNeedsAnOutput() {
        #expect(throws: (any Error).self) { _ = try CasaRecover.parseAsRoot(["fetch", "--from", "d"]) }
    }

    /// Issue 14: one restore can read the vault and several folders; the newest across them wins.
    @Test func vaultAndFoldersCombine() throws {
        let command = try CasaRecover.parseAsRoot(["list", "--from", "d", "--from", "/media/usb", "--vault", "http://127.0.0.1:8420"])
        let list = try #require(command as? CasaRecover.List)
        #expect(list.query.snapshots.from == ["d", "/media/usb"])
        #expect(list.query.snapshots.vault == "http://127.0.0.1:8420")
        #expect(try list.query.snapshots.locations.count == 3)
    }

    @Test func snapshotAndBranchExcludeEachOther() throws {
        #expect(throws: (any Error).self) { _ = try CasaRecover.parseAsRoot(["verify", "--from", "d", "--snapshot", "3", "--branch", "2"]) }
        let verify = try #require(try CasaRecover.parseAsRoot(["verify", "--from", "d", "--branch", "2"]) as? CasaRecover.Verify)
        #expect(verify.selection.choice == .branch("2"))
    }

    @Test func rootKeyAndWordsExcludeEachOther() {
        #expect(throws: (any Error).self) { _ = try CasaRecover.parseAsRoot(["verify", "--from", "d", "--rootkey-file", "r", "--words-file", "w"]) }
    }

    @Test func restoreDefaults() throws {
        let restore = try #require(try CasaRecover.parseAsRoot(["restore", "--from", "d", "--lnddir", "/srv/lnd", "--network", "regtest"]) as? CasaRecover.Restore)
        #expect(restore.lnd.lnddir == "/srv/lnd")
        #expect(restore.network == .regtest)
        #expect(restore.workDir == "casa-restore")
        #expect(restore.recoveryWindow == 2500)
        // H3: asking peers directly is opt-in; --no-trigger stays accepted as a no-op.
        #expect(!restore.escalation.escalate)
        let old = try #require(try CasaRecover.parseAsRoot(["restore", "--from", "d", "--no-trigger"]) as? CasaRecover.Restore)
        #expect(!old.escalation.escalate && old.escalation.noTrigger)
        let scripted = try #require(try CasaRecover.parseAsRoot(["restore", "--from", "d", "--escalate", "--yes", "--tor"]) as? CasaRecover.Restore)
        #expect(scripted.escalation.escalate && scripted.escalation.yes && scripted.escalation.tor)
        // D8: no limit on the wait for lnd unless the user sets one.
        #expect(try restore.schedule.serverWaitLimit == nil)
        let limited = try #require(try CasaRecover.parseAsRoot(["restore", "--from", "d", "--wait-limit", "90s"]) as? CasaRecover.Restore)
        #expect(try limited.schedule.serverWaitLimit == .seconds(90))
        let minutes = try #require(try CasaRecover.parseAsRoot(["restore", "--from", "d", "--wait-limit", "45"]) as? CasaRecover.Restore)
        #expect(try minutes.schedule.serverWaitLimit == .seconds(2_700))
        for bad in [["--escalate", "--no-trigger"], ["--yes"], ["--tor"], ["--escalate", "--tor", "--socks", "127.0.0.1:9050"],
                    ["--wait-limit", "0"], ["--wait-limit", "soon"]] {
            #expect(throws: (any Error).self, "\(bad)") { _ = try CasaRecover.parseAsRoot(["restore", "--from", "d"] + bad) }
        }
    }

    @Test func forceCloseCollectsChannelPoints() throws {
        let command = try CasaRecover.parseAsRoot(["force-close", "--channel-point", "aa:0", "--channel-point", "bb:1", "--dry-run", "--yes"])
        let forceClose = try #require(command as? CasaRecover.ForceClose)
        #expect(forceClose.channelPoints == ["aa:0", "bb:1"])
        #expect(forceClose.dryRun && forceClose.yes)
    }

    @Test func secretsAreNeverOptionsWithValuesOnArgv() {
        #expect(throws: (any Error).self) { _ = try CasaRecover.parseAsRoot(["list", "--from", "d", "--words", "abandon"]) }
        #expect(throws: (any Error).self) { _ = try CasaRecover.parseAsRoot(["restore", "--from", "d", "--wallet-password", "x"]) }
    }

    @Test func revokeDeviceAndStatusParse() throws {
        let revoke = try #require(try CasaRecover.parseAsRoot(["revoke-device", "--vault", "http://127.0.0.1:1", "--device", "ab", "--yes"]) as? CasaRecover.RevokeDevice)
        #expect(revoke.device == "ab" && revoke.yes)
        let status = try #require(try CasaRecover.parseAsRoot(["status", "--state", "s.json", "--json"]) as? CasaRecover.Status)
        #expect(status.state == "s.json" && status.json)
    }
}
