import CommandLineSupport
import Foundation

/// restore's closing summary for people: one channel a row with the reason and the next step.
public enum RestoreText {
    public static func render(_ report: RestoreReport) -> String {
        var table = TextTable(headers: ["CHANNEL POINT", "CAPACITY (sat)", "STATUS", "WHY", "NEXT STEP"])
        for c in report.channels {
            table.append([c.channelPoint, String(c.capacitySat), c.status.rawValue.replacingOccurrences(of: "_", with: " "), c.reason, c.nextStep])
        }
        let head = report.complete
            ? "Done: every channel is closing or was already there. Funds return on chain; follow them with `casa-recover status`."
            : "Not finished: some channels still wait. Run the same command again later; it resumes."
        return "\nNode \(report.nodePubkey), snapshot \(report.snapshot.source)" + (report.walletCreated ? " (wallet created from your words)" : "")
            + "\n" + head + "\n\n" + table.render()
    }
}
