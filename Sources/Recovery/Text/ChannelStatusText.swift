import CommandLineSupport
import Foundation

/// `casa-recover status` for people.
public enum ChannelStatusText {
    public static func render(_ report: ChannelStatusReport) -> String {
        guard !report.channels.isEmpty else {
            return "Nothing is tracked: no restored channel to follow. Pass restore's state file (--state <work-dir>/restore-state.json); "
                + "without it only channels lnd is closing now are shown, and there are none."
        }
        var lines: [String] = []
        let proven = report.channels.filter(\.proven).count
        if report.swept {
            lines.append("Done: every channel is closed and its funds swept, as lnd's own lists show.")
        } else if report.done {
            lines.append("Proven: lnd acted on every close on chain; \(report.fundsExpectedBackSat) sat still on the way back (lnd sweeps them).")
        } else {
            lines.append("Not proven yet: \(proven) of \(report.channels.count) channel\(report.channels.count == 1 ? "" : "s") have a close lnd acted on. "
                         + "Real lnd shows a peer's close only 3 or more blocks after it confirms; run this again later.")
        }
        var table = TextTable(headers: ["CHANNEL POINT", "STATUS", "CLOSING TX", "LOCKED (sat)", "WHY"])
        for c in report.channels {
            table.append([c.channelPoint, c.status.rawValue.replacingOccurrences(of: "_", with: " "), c.closingTxid ?? "-",
                          String(c.limboBalanceSat), c.reason])
        }
        lines.append("")
        lines.append(table.render())
        lines.append("\nRestored channels show zero balances until the peer's close confirms (lnd #6555); that is normal.")
        return lines.joined(separator: "\n")
    }
}
