import BackupCore
import CommandLineSupport
import SeedKit
import LightningTypes

/// `casa-recover inspect` human output: a summary line, then one channel a row.
public enum InspectText {
    public static func render(_ inspection: BackupInspection) -> String {
        var table = TextTable(headers: ["CHANNEL POINT", "CAPACITY (sat)", "VER", "COMMITMENT", "CLOSE TX", "PEER", "SCID", "INITIATOR", "LEASE", "ADDRESSES"])
        for c in inspection.summaries {
            table.append([
                c.channelPoint, String(c.capacitySat), String(c.version), c.commitment, c.hasCloseTx ? "yes" : "no",
                c.remotePubkey, c.shortChannelID, c.initiator ? "us" : "peer", c.leaseExpiry.map(String.init) ?? "-",
                c.addresses.isEmpty ? "(none: peer must be found in the graph)" : c.addresses.joined(separator: ", "),
            ])
        }
        let total = inspection.summaries.reduce(UInt64(0)) { $0 + $1.capacitySat }
        let noun = inspection.channelCount == 1 ? "channel" : "channels"
        var head = "\(inspection.kind == .multi ? "Multi (channel.backup)" : "Single channel backup") on \(inspection.network.rawValue): "
            + "\(inspection.channelCount) \(noun), \(total) sat total capacity"
        if !inspection.unknownSingles.isEmpty {
            let versions = Set(inspection.unknownSingles.map { "v\($0.version)" }).sorted().joined(separator: ", ")
            head += "\n\(inspection.unknownSingles.count) of them use a channel type this casa does not know (\(versions)): "
                + "a newer lnd wrote them; they are handed to lnd untouched on restore (update casa to see their details)"
        }
        return inspection.channelCount == 0 ? head : head + "\n\n" + table.render()
    }
}
