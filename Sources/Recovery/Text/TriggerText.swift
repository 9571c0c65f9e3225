import CommandLineSupport
import LightningPeer

/// `trigger-force-close` human output: one channel a row, then what to do for each.
public enum TriggerText {
    public static func render(_ report: TriggerReport) -> String {
        var table = TextTable(headers: ["CHANNEL POINT", "OUTCOME", "ADDRESS", "PEER SAID", "PEER"])
        for c in report.channels {
            let address = c.steps.compactMap(\.address).first ?? "-"
            table.append([c.channel, c.outcome.rawValue, address, c.peerMessage.map { "\"\($0)\"" } ?? "-", c.peer])
        }
        let total = report.channels.count
        let quiet = report.unanswered.count
        let head = "Asked the peers of \(total) channel\(total == 1 ? "" : "s") to force-close: "
            + (quiet == 0 ? "every peer reacted." : "\(total - quiet) reacted, \(quiet) did not (run again later).")
        let advice = report.channels.map { "  \($0.channel): \($0.advice)" }.joined(separator: "\n")
        return head + "\n\n" + table.render() + "\n\nWhat to do:\n" + advice
            + "\n\nOnly the funding output being spent on chain proves a close; lnd then sweeps your side."
    }
}
