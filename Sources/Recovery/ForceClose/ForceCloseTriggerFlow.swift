import CommandLineSupport
import LightningPeer
import Secp256k1
import SeedKit
import LightningTypes

/// `trigger-force-close` from plain inputs (docs/force-close.md): chooses the channels (every
/// channel of a backup, or one channel point with `--peer`), derives our node key from the seed,
/// shows the plan, asks, drives `LightningPeer.ForceCloseTrigger` and reports what each peer did.
public struct ForceCloseTriggerFlow: Sendable {
    /// lnd's channel.backup or an exported single backup, raw or hex; nil: one `channelPoint` with `peers`.
    public var backup: String?
    public var channelPoint: String?
    /// `--peer <node id>@host:port`, as typed.
    public var peers: [String]
    /// With a backup it is read from the backup; without, mainnet unless given.
    public var network: BitcoinNetwork?
    public var route: PeerRouteFlags
    /// The 113-byte channel_reestablish with data-loss fields instead of chantools' 48 bytes.
    public var reestablishWithDataLossFields: Bool
    public var listenSeconds: Int
    /// Show what would be sent to whom; connect to nobody.
    public var dryRun: Bool
    /// `--yes`: do not ask.
    public var confirmed: Bool
    public var json: Bool

    public init(backup: String?, channelPoint: String?, peers: [String], network: BitcoinNetwork?, route: PeerRouteFlags,
                reestablishWithDataLossFields: Bool, listenSeconds: Int, dryRun: Bool, confirmed: Bool, json: Bool) {
        self.backup = backup
        self.channelPoint = channelPoint
        self.peers = peers
        self.network = network
        self.route = route
        self.reestablishWithDataLossFields = reestablishWithDataLossFields
        self.listenSeconds = listenSeconds
        self.dryRun = dryRun
        self.confirmed = confirmed
        self.json = json
    }

    /// What to print on stdout, and the exit status it ends with.
    public struct Outcome: Sendable {
        public var output: String
        public var exitStatus: ExitStatus
    }

    /// - Parameters:
    ///   - confirm: asked the confirmation question (unless `confirmed`); false stops with `.declined`.
    ///   - progress: the plan before the question and each peer's progress, for stderr.
    public func run(seed: SeedLoader, confirm: (String) throws -> Bool, progress: @escaping @Sendable (String) -> Void) async throws -> Outcome {
        let overrides = try peers.map { (text) throws -> TriggerPeerOverride in try TriggerPeerOverride(parsing: text) }
        let material = try seed.load()
        let requests: [ForceCloseRequest]
        let nodeNetwork: BitcoinNetwork
        if let backup {
            let blob = try BackupFile.read(path: backup)
            let inspection = try BackupInspector().inspect(blob: blob, kind: nil, seed: material, network: network)
            requests = try TriggerTargets.fromBackup(inspection.channels, only: channelPoint, overrides: overrides)
            nodeNetwork = inspection.network
        } else {
            requests = try TriggerTargets.single(channelPoint: channelPoint ?? "", overrides: overrides)
            nodeNetwork = network ?? material.impliedNetwork ?? .mainnet
        }
        let nodeKey = try material.keyRing(for: nodeNetwork).privateKey(for: .nodeIdentity)
        let options = ForceCloseTrigger.Options(route: try route.route(), listen: .seconds(listenSeconds),
                                                reestablishForm: reestablishWithDataLossFields ? .withDataLossFields : .legacy)
        let plan = TriggerDryRun(requests: requests, node: nodeKey.publicKey, network: nodeNetwork, options: options)
        if dryRun {
            return Outcome(output: json ? try plan.json() : "Dry run: nothing is sent, nobody is contacted.\n\n" + plan.text, exitStatus: .success)
        }
        if !confirmed {
            progress(plan.text + "\n")
            guard try RecoveryError.mapping({ try confirm(TriggerConfirmation.question(channels: requests.count)) }) else { throw RecoveryError.declined }
        }
        let reports = await ForceCloseTrigger(nodeKey: nodeKey, options: options).run(requests) { event in
            progress("[\(event.channel)] \(event.message)")
        }
        let report = TriggerReport(channels: reports)
        return Outcome(output: json ? try report.json() : TriggerText.render(report), exitStatus: report.exitStatus)
    }
}
