import BackupAgent
import Foundation
import Testing
import TestSupport

/// `casa-backupd doctor`'s report: the JSON shape, the exit status, and the checks that need no
/// running lnd or vault. The checks against real processes: Tests/DrillTests/Scripts/doctor-*.sh.
@Suite struct DoctorTests {
    @Test func exitStatusIsTheWorstCheck() {
        #expect(DoctorReport(checks: [.ok("a", "fine"), .ok("b", "fine")]).exitStatus == 0)
        #expect(DoctorReport(checks: [.ok("a", "fine"), .warn("b", "hmm", fix: "do x")]).exitStatus == 1)
        #expect(DoctorReport(checks: [.fail("a", "bad", fix: "do y"), .warn("b", "hmm", fix: "do x")]).exitStatus == 2)
        #expect(DoctorReport(checks: [.warn("b", "hmm", fix: "do x")]).ok)
        #expect(!DoctorReport(checks: [.fail("a", "bad", fix: "do y")]).ok)
    }

    @Test func jsonHasEveryKeyOfEveryCheck() throws {
        let report = DoctorReport(checks: [.ok("lnd", "answers"), .fail("vault", "TLS pin mismatch", fix: "set vault_pin")])
        let object = try #require(JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["checks", "ok"])
        #expect(object["ok"] as? Bool == false)
        let checks = try #require(object["checks"] as? [[String: Any]])
        #expect(checks.map { Set($0.keys) } == [["name", "status", "detail", "fix"], ["name", "status", "detail", "fix"]])
        #expect(checks[0]["fix"] is NSNull)
        #expect(checks[1]["status"] as? String == "fail" && checks[1]["fix"] as? String == "set vault_pin")
    }

    @Test func textIsOneLinePerCheckWithTheFixUnderAProblem() {
        let text = DoctorReport(checks: [.ok("lnd", "answers"), .fail("vault", "down", fix: "start it")]).text
        #expect(text.split(separator: "\n").map(String.init) == ["ok   lnd: answers", "fail vault: down", "     fix: start it", "1 failure(s), 0 warning(s)"])
    }

    @Test func aConfigurationThatCannotBeReadIsOneFailure() {
        let report = DoctorReport.configurationFailed(AgentError.configuration("metrics_port 99999 is not a TCP port"))
        #expect(report.exitStatus == 2 && report.checks.map(\.name) == ["config"] && report.checks[0].fix != nil)
    }

    @Test func writableFolderProbeLeavesNothingAndAFileIsNotAFolder() async throws {
        let directory = try TemporaryDirectory(prefix: "casa-doctor")
        let ok = await WritableDirectoryCheck(name: "usb-copy", path: directory.path, what: "second_copy_dir").run()
        #expect(ok.status == .ok)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        let file = directory.path + "/file"
        FileManager.default.createFile(atPath: file, contents: Data())
        let notFolder = await WritableDirectoryCheck(name: "usb-copy", path: file, what: "second_copy_dir").run()
        #expect(notFolder.status == .fail && notFolder.fix != nil)
        let unset = await WritableDirectoryCheck(name: "usb-copy", path: nil, what: "second_copy_dir").run()
        #expect(unset.status == .ok)
    }

    @Test func checksWithoutVaultURLWarn() async throws {
        let directory = try TemporaryDirectory(prefix: "casa-doctor")
        let configuration = try AgentConfiguration.resolve(
            configPath: nil, environment: ["HOME": directory.path], flags: { var f = AgentConfigFile(); f.stateDir = directory.path; f.metricsPort = 0; return f }())
        let vault = await VaultReachableCheck(configuration: configuration).run()
        #expect(vault.status == .warn && vault.fix?.contains("vault_url") == true)
        let clock = await ClockSkewCheck(configuration: configuration).run()
        #expect(clock.status == .warn)
        let staleness = await UploadStalenessCheck(configuration: configuration).run()
        #expect(staleness.status == .warn && staleness.detail.contains("metrics_port = 0"))
    }
}
