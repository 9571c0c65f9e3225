import Foundation
import LightningPeer
import Secp256k1
import SeedKit
import LightningTypes

/// `restore` from plain inputs: opens the snapshot (or lnd's own channel.backup), writes the
/// `channel.backup` used into the 0700 work folder, and runs `ChannelRestorer` against lnd with
/// the restore's state kept beside it, so a second run resumes.
public struct RestoreFlow: Sendable {
    public enum Source: Sendable {
        /// lnd's own channel.backup (raw or hex) instead of a snapshot.
        case backupFile(String)
        /// The snapshots at these places; `choice` picks one, and with `askBranch` a person at the
        /// terminal is asked which branch when the history forked (`BranchPrompt`).
        case snapshots([SnapshotLocation], choice: SnapshotChoice, depth: Int?, askBranch: Bool)
    }

    /// `--escalate`: ask peers lnd cannot reach directly to force-close, after confirmation unless `confirmed`.
    public struct Escalation: Sendable {
        public var confirmed: Bool
        public var route: PeerRouteFlags

        public init(confirmed: Bool, route: PeerRouteFlags) {
            self.confirmed = confirmed
            self.route = route
        }
    }

    public var source: Source
    /// For the keys (and, in the caller, lnd's macaroon path).
    public var network: BitcoinNetwork
    /// Holds restore-state.json and the channel.backup used; created 0700.
    public var workDir: String
    public var recoveryWindow: Int32
    /// lnd's wallet password from this file; nil: asked on the terminal.
    public var walletPasswordFile: String?
    public var escalation: Escalation?
    public var peerAddresses: RestorePeerAddresses
    public var schedule: RestoreSchedule
    /// Measure the phases (`--timings`).
    public var timings: Bool

    public init(source: Source, network: BitcoinNetwork, workDir: String, recoveryWindow: Int32, walletPasswordFile: String?,
                escalation: Escalation?, peerAddresses: RestorePeerAddresses, schedule: RestoreSchedule, timings: Bool) {
        self.source = source
        self.network = network
        self.workDir = workDir
        self.recoveryWindow = recoveryWindow
        self.walletPasswordFile = walletPasswordFile
        self.escalation = escalation
        self.peerAddresses = peerAddresses
        self.schedule = schedule
        self.timings = timings
    }

    /// - Parameters:
    ///   - connectLND: called once the channel.backup is written.
    ///   - confirm: asked before `--escalate` is armed (unless confirmed); false stops with `.declined`.
    ///   - progress: one line per step, as it happens.
    ///   - deliver: gets the report once the restorer finished; then, unless every channel's
    ///     outcome is proven, `RecoveryError.incomplete` is thrown.
    ///   - timingsReport: the phase timings (with `timings`), once the run ends either way.
    public func run(seed: SeedLoader, connectLND: () throws -> any RecoveryLND, confirm: (String) throws -> Bool,
                    progress: @escaping @Sendable (String) -> Void, deliver: (RestoreReport) throws -> Void,
                    timingsReport: (String) -> Void) async throws {
        let phases = timings ? PhaseTimings() : nil
        let loaded = try seed.loadWords()
        phases?.lap(PhaseName.keyDerivation)
        let snapshot: OpenedSnapshot
        var history: [OpenedSnapshot] = []
        switch source {
        case .backupFile(let backup):
            snapshot = try RawBackupSnapshot.open(path: backup, seed: loaded.material, network: network)
            phases?.lap(PhaseName.decrypt)
        case .snapshots(let locations, let choice, let depth, let askBranch):
            let listing = try await SnapshotLoader.load(seed: loaded.material, network: network, locations: locations, timings: phases,
                                                          depth: depth)
            snapshot = try listing.pick(askBranch ? try BranchPrompt.resolve(listing, choice) : choice)
            history = listing.usable
        }
        try FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let backupPath = (workDir as NSString).appendingPathComponent("channel.backup")
        try ChannelBackupWriter.write(snapshot.lndBackup, to: backupPath, force: true)
        phases?.lap(PhaseName.writeBackup)
        defer { phases.map { timingsReport($0.report(uncounted: [PhaseName.followThrough])) } }

        let client = try connectLND()
        let passwords = WalletPasswordReader(file: walletPasswordFile)
        let secrets = RestoreSecrets(mnemonic: loaded.words, passphrase: loaded.passphrase, walletPassword: { try passwords.read(creating: $0) })
        let escalation = try armEscalation(confirm: confirm) { try snapshot.keys.keyRing.privateKey(for: .nodeIdentity) }
        let restorer = ChannelRestorer(
            lnd: client, escalation: escalation,
            stateFile: RestoreStateFile(path: (workDir as NSString).appendingPathComponent("restore-state.json")),
            schedule: schedule, progress: progress, timings: phases, peerAddresses: peerAddresses)
        let report = try await restorer.run(snapshot, history: history, secrets: secrets, recoveryWindow: recoveryWindow)
        try deliver(report)
        if !report.complete { throw RecoveryError.incomplete("not every channel's outcome is proven yet; run `casa-recover status` or restore again later") }
    }

    /// The escalation to use, or nil when not asked for. Asks unless `--yes`.
    func armEscalation(confirm: (String) throws -> Bool, nodeKey: () throws -> PrivateKey) throws -> (any ForceCloseEscalation)? {
        guard let escalation else { return nil }
        if !escalation.confirmed {
            guard try RecoveryError.mapping({ try confirm(TriggerConfirmation.restoreEscalationQuestion) }) else { throw RecoveryError.declined }
        }
        return PeerTriggerEscalation(nodeKey: try nodeKey(), options: ForceCloseTrigger.Options(route: try escalation.route.route()))
    }
}
