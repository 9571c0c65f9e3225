import ArgumentParser
import BackupAgent

extension CasaBackupd {
    struct Doctor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "doctor",
            abstract: "Check the setup, one line per check with the fix for each problem: lnd, the macaroon, the vault and its TLS pin, enrollment, the local and USB folders, the last upload, sealed auto-unlock, the clock.",
            discussion: "Exit status: 0 every check passed, 1 warnings only, 2 at least one failure, 64 a usage error. Changes nothing (a probe file is created and removed in each folder). See docs/agent.md \"Doctor\".")

        @OptionGroup var options: ConfigOptions
        @Flag(help: "Print one JSON object: {\"checks\":[{\"name\",\"status\":\"ok|warn|fail\",\"detail\",\"fix\"}],\"ok\":bool}.") var json = false

        func run() async throws {
            let report: DoctorReport
            do {
                report = await DoctorReport.run(DoctorReport.checks(for: try options.resolve()))
            } catch {
                report = DoctorReport.configurationFailed(error)
            }
            print(json ? report.json : report.text)
            if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
        }
    }
}
