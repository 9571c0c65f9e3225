/// `casa-recover status` for people.
public enum ChannelStatusText {
    public static func render(_ report: ChannelStatusReport) -> String {
        var lines: [String] = []
        if report.done {
            lines.append("Nothing is waiting any more: every channel is closed and swept" + (report.resolved.isEmpty ? "." : " (\(report.resolved.count) fully resolved)."))
            return lines.joined(separator: "\n")
        }
        lines.append("\(report.waitingClose) waiting for a close to confirm, \(report.pendingForceClose) force-closed with funds time-locked; "
                     + "\(report.fundsExpectedBackSat) sat still on the way back.")
        var table = TextTable(headers: ["CHANNEL POINT", "STATE", "CLOSING TX", "LOCKED (sat)", "MATURES AT", "PEER"])
        for c in report.channels {
            table.append([c.channelPoint, c.state.rawValue, c.closingTxid ?? "(not yet: waiting for the peer)", String(c.limboBalanceSat),
                          c.maturityHeight.map(String.init) ?? "-", c.remotePubkey])
        }
        lines.append("")
        lines.append(table.render())
        if !report.resolved.isEmpty { lines.append("\nFully resolved: " + report.resolved.joined(separator: ", ")) }
        lines.append("\nRestored channels show zero balances until the peer's close confirms (lnd #6555); that is normal.")
        return lines.joined(separator: "\n")
    }
}
