import CommandLineSupport

/// `casa-recover force-close`: which live channels would be force-closed, and the outcome of each.
public struct ForceClosePlan: Codable, Sendable {
    public struct Item: Codable, Sendable, Equatable {
        public var channelPoint: String
        public var remotePubkey: String
        public var localBalanceSat: Int64
        public var active: Bool
        /// Set once lnd broadcast the close.
        public var closingTxid: String?
        public var error: String?

        enum CodingKeys: String, CodingKey {
            case channelPoint = "channel_point"
            case remotePubkey = "remote_pubkey"
            case localBalanceSat = "local_balance_sat"
            case active
            case closingTxid = "closing_txid"
            case error
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(channelPoint, forKey: .channelPoint)
            try c.encode(remotePubkey, forKey: .remotePubkey)
            try c.encode(localBalanceSat, forKey: .localBalanceSat)
            try c.encode(active, forKey: .active)
            try c.encode(closingTxid, forKey: .closingTxid)
            try c.encode(error, forKey: .error)
        }
    }

    public var dryRun: Bool
    public var channels: [Item]

    public init(dryRun: Bool, channels: [Item]) {
        self.dryRun = dryRun
        self.channels = channels
    }

    enum CodingKeys: String, CodingKey {
        case dryRun = "dry_run"
        case channels
    }

    /// The open channels of lnd, or only those in `only` (channel points). Unknown points are an error.
    public static func make(lndChannels: [LNDChannel], only: [String], dryRun: Bool) throws -> ForceClosePlan {
        let open = lndChannels.filter { $0.state == .open }
        if let unknown = only.first(where: { point in !open.contains { $0.channelPoint == point } }) {
            throw RecoveryError.lndFailed("\(unknown) is not an open channel of this lnd (see `lncli listchannels`)")
        }
        let chosen = only.isEmpty ? open : open.filter { only.contains($0.channelPoint) }
        return ForceClosePlan(dryRun: dryRun, channels: chosen.map {
            Item(channelPoint: $0.channelPoint, remotePubkey: $0.remotePubkey, localBalanceSat: $0.localBalanceSat, active: $0.active)
        })
    }

    /// Force-closes every planned channel through lnd, one by one; a failure does not stop the others.
    public mutating func execute(on lnd: any RecoveryLND, progress: (String) -> Void = { _ in }) async {
        for index in channels.indices {
            do {
                channels[index].closingTxid = try await lnd.forceClose(channelPoint: channels[index].channelPoint)
                progress("\(channels[index].channelPoint): force-close broadcast, txid \(channels[index].closingTxid ?? "?")")
            } catch {
                channels[index].error = "\(error)"
                progress("\(channels[index].channelPoint): failed: \(error)")
            }
        }
    }

    public var text: String {
        if channels.isEmpty { return "No open channels to force-close." }
        var table = TextTable(headers: ["CHANNEL POINT", "OUR BALANCE (sat)", "PEER ONLINE", dryRun ? "PLAN" : "RESULT", "PEER"])
        for c in channels {
            let result = dryRun ? "would force-close" : (c.closingTxid.map { "closing tx \($0)" } ?? "failed: \(c.error ?? "?")")
            table.append([c.channelPoint, String(c.localBalanceSat), c.active ? "yes" : "no", result, c.remotePubkey])
        }
        let total = channels.reduce(Int64(0)) { $0 + $1.localBalanceSat }
        return (dryRun ? "Dry run: nothing was closed. " : "") + "\(channels.count) channel\(channels.count == 1 ? "" : "s"), \(total) sat of ours.\n\n"
            + table.render()
            + (dryRun ? "" : "\n\nOur funds return on chain after the CSV delay; `casa-recover status` shows when.")
    }
}
