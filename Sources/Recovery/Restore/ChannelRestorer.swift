import BackupCore
import Foundation
import SeedKit
import LightningTypes

/// `casa-recover restore`: brings a snapshot's channels into a new lnd and follows through until
/// every peer is asked to close (docs/lnd.md §3.3, §5). Every step is saved in the state file,
/// so a re-run resumes; every wait is bounded.
public struct ChannelRestorer: Sendable {
    public let lnd: any RecoveryLND
    public let escalation: (any ForceCloseEscalation)?
    /// Addresses the user gave for peers (`--peer`), tried before the graph's and the backup's.
    public let peerAddresses: RestorePeerAddresses
    public let stateFile: RestoreStateFile
    public let schedule: RestoreSchedule
    public let sleep: @Sendable (Duration) async -> Void
    public let progress: @Sendable (String) -> Void
    /// Optional laps: "lnd wallet and start-up", "lnd restore calls" and "seal singles for lnd"
    /// until every restore request is issued, then "follow-through".
    public let timings: PhaseTimings?

    public init(lnd: any RecoveryLND, escalation: (any ForceCloseEscalation)?, stateFile: RestoreStateFile,
                schedule: RestoreSchedule = RestoreSchedule(),
                sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) },
                progress: @escaping @Sendable (String) -> Void = { _ in },
                timings: PhaseTimings? = nil, peerAddresses: RestorePeerAddresses = RestorePeerAddresses()) {
        self.peerAddresses = peerAddresses
        self.timings = timings
        self.lnd = lnd
        self.escalation = escalation
        self.stateFile = stateFile
        self.schedule = schedule
        self.sleep = sleep
        self.progress = progress
    }

    /// - Parameter history: the other snapshots found; an older one's Single replaces a channel's
    ///   Single that lnd could not restore (D1, `withRestorableSingles`).
    public func run(_ chosen: OpenedSnapshot, history: [OpenedSnapshot] = [], secrets: RestoreSecrets,
                    recoveryWindow: Int32 = 2500) async throws -> RestoreReport {
        let (snapshot, substitutions) = Self.withRestorableSingles(chosen, history: history)
        let node = snapshot.keys.nodePublicKey
        var state = try stateFile.load() ?? RestoreState(nodePubkey: node, snapshotCounter: snapshot.counter)
        guard state.nodePubkey == node else {
            throw RecoveryError.wrongNode(expected: node, found: "\(state.nodePubkey) (in \(stateFile.path))")
        }
        for substitution in substitutions {
            state.channels[substitution.channelPoint, default: ChannelProgress()].singleFrom = substitution.source
            progress("\(substitution.channelPoint): the chosen snapshot holds lnd's re-export of a restored channel, which lnd cannot restore; using its Single from \(substitution.source)")
        }

        try await prepareWallet(node: node, secrets: secrets, recoveryWindow: recoveryWindow, state: &state)
        try await waitForServer()
        let identity = try await lnd.identityPubkey()
        guard identity == node else { throw RecoveryError.wrongNode(expected: node, found: identity) }
        progress("lnd runs node \(node): the node these words and this backup belong to")
        timings?.lap(PhaseName.lndStartup)

        let restoredNow = try await restoreMissing(snapshot, state: &state)
        timings?.lap(PhaseName.lndRestore)
        try await followThrough(snapshot, state: &state)
        let results = try await summarize(snapshot, state: &state)
        timings?.lap(PhaseName.followThrough)
        return RestoreReport(nodePubkey: node, snapshot: SnapshotSummary(snapshot), walletCreated: state.walletCreated,
                             restoredNow: restoredNow, complete: !results.isEmpty && results.allSatisfy(\.status.isProven),
                             channels: results)
    }

    // MARK: Wallet

    private func prepareWallet(node: String, secrets: RestoreSecrets, recoveryWindow: Int32, state: inout RestoreState) async throws {
        let walletState = try await lnd.walletState()
        progress(walletState.explanation)
        switch walletState {
        case .nonExisting:
            // The snapshot opened with keys from these words' node key, so the wallet we create
            // is the node the backup belongs to (checked again with GetInfo below).
            progress("creating lnd's wallet from your words (node \(node)); lnd will rescan the chain for on-chain funds (recovery window \(recoveryWindow))")
            try await lnd.initWallet(WalletCreation(password: try secrets.walletPassword(true), mnemonic: secrets.mnemonic,
                                                    passphrase: secrets.passphrase, recoveryWindow: recoveryWindow))
            state.walletCreated = true
            try stateFile.save(state)
        case .locked:
            progress("unlocking lnd's wallet (nothing is restored before its node identity is checked)")
            try await lnd.unlockWallet(password: try secrets.walletPassword(false))
        case .unlocked, .rpcActive, .serverActive, .waitingToStart, .unrecognized:
            break
        }
    }

    /// Waits for SERVER_ACTIVE as long as lnd needs (a rescan can take hours: D8), saying what
    /// lnd is doing when it changes and every `serverProgressEvery`. Only a limit the user set
    /// stops it (exit 75; the state file is saved, so a re-run resumes here).
    private func waitForServer() async throws {
        var last: String?
        var waited: Duration = .zero
        var sinceReport: Duration = .zero
        var poll = 0
        while true {
            let current = try await lnd.walletState()
            if current == .serverActive { return }
            var line = "waiting for lnd: \(current.explanation)"
            if current == .rpcActive, let sync = await lnd.chainSync() {
                line += sync.syncedToChain
                    ? "; its wallet is synced to block \(sync.blockHeight), the server is starting"
                    : "; its wallet is still syncing with the chain (the chain is at block \(sync.blockHeight)); after a restore from the words this rescan can take hours"
            }
            if line != last || sinceReport >= schedule.serverProgressEvery {
                progress(line + (waited > .zero ? " (\(Self.minutes(waited)) so far)" : ""))
                last = line
                sinceReport = .zero
            }
            if let limit = schedule.serverWaitLimit, waited >= limit {
                throw RecoveryError.incomplete("lnd is still not ready after \(Self.minutes(waited)) (\(current.name)); the progress is saved: run the same command again to keep waiting")
            }
            let pause = schedule.serverPollPause(after: poll)
            await sleep(pause)
            waited += pause
            sinceReport += pause
            poll += 1
        }
    }

    static func minutes(_ duration: Duration) -> String {
        let seconds = duration.components.seconds
        if seconds < 1 { return "under a second" }
        return seconds < 120 ? "\(seconds) s" : "\(seconds / 60) min"
    }

    // MARK: Restore

    /// Channels per RestoreChannelBackups call. lnd takes a whole Multi in one call and inserts
    /// its shells in one database transaction, so each call has a fixed cost; a few calls for a
    /// large node keep that cost low while each request stays small (about 150 KB) and progress
    /// shows between them. Channels whose peer has no usable address are kept out (they would
    /// abort lnd's loop), so a batch normally goes through whole; if lnd refuses one, it is
    /// halved until the channel lnd refuses is alone.
    static let batchSize = 250

    private func restoreMissing(_ snapshot: OpenedSnapshot, state: inout RestoreState) async throws -> Int {
        let known = Dictionary(try await lnd.channels().map { ($0.channelPoint, $0) }, uniquingKeysWith: { a, _ in a })
        let key = try snapshot.keys.keyRing.staticChannelBackupKey()
        var pending: [(point: String, sealed: [UInt8])] = []
        timings?.lap(PhaseName.lndRestore)
        for channel in snapshot.inspection.channels {
            let point = channel.fundingOutpoint.description
            var entry = state.channels[point] ?? ChannelProgress()
            entry.remotePubkey = channel.remoteNodePublicKey.hex
            defer { state.channels[point] = entry }
            if entry.restored || entry.alreadyPresent { continue }
            if let existing = known[point] {
                // A shell lnd holds from an earlier, interrupted run of ours is ours to follow through.
                if existing.restoredFromBackup {
                    entry.restored = true
                    progress("\(point): restored in an earlier run")
                } else {
                    entry.alreadyPresent = true
                    progress("\(point): lnd already has it (\(existing.state.rawValue)); left alone")
                }
                continue
            }
            var single = channel
            if !single.addresses.contains(where: Self.isUsable) {
                // lnd would abort its restore loop at this Single: give it --peer's or the graph's addresses.
                let pubkey = channel.remoteNodePublicKey.hex
                let graph = (try? await lnd.graphAddresses(of: pubkey)) ?? []
                let found = peerAddresses.candidates(pubkey, graph: graph, backup: [])
                single.addresses = found.compactMap { NodeAddress.fromGraph($0.address) }
                if single.addresses.isEmpty {
                    entry.lastError = "no usable address for the peer in the backup, in lnd's graph (empty until lnd synced) or from --peer (lnd would abort the restore); give one with --peer \(pubkey)@HOST:PORT"
                    progress("\(point): \(entry.lastError ?? "")")
                    continue
                }
                progress("\(point): the backup has no usable address for the peer; using "
                         + found.map(\.label).joined(separator: ", "))
            }
            timings?.lap(PhaseName.lndRestore)
            pending.append((point, try LNDBackupCrypto.seal(single, key: key)))
            timings?.lap(PhaseName.sealSingles)
        }
        pending += try unknownSinglesToRestore(snapshot, known: known, key: key, state: &state)
        try stateFile.save(state)

        var restored = 0
        var start = 0
        while start < pending.count {
            let batch = pending[start..<min(start + Self.batchSize, pending.count)]
            start += batch.count
            do {
                restored += try await restore(batch, state: &state)
            } catch {
                try stateFile.save(state)
                throw error
            }
            try stateFile.save(state)
        }
        return restored
    }

    /// One RestoreChannelBackups call for `batch`; if lnd refuses it, each half on its own, down
    /// to the single channel lnd refuses, whose error is kept for the summary. lnd aborts a call
    /// at its first failing channel with the shells before it kept, and skips existing shells
    /// without counting them, so a retry restores only what is missing.
    private func restore(_ batch: ArraySlice<(point: String, sealed: [UInt8])>, state: inout RestoreState) async throws -> Int {
        do {
            let restored = try await lnd.restoreChannelBackups(batch.map { (channelPoint: $0.point, single: $0.sealed) })
            for item in batch { markRestored(item.point, in: &state) }
            return restored
        } catch let error as RecoveryError {
            if case .lndUnavailable = error { throw error }
            guard batch.count > 1 else {
                for item in batch {
                    state.channels[item.point, default: ChannelProgress()].lastError = error.description
                    progress("\(item.point): lnd refused it: \(error.description)")
                }
                return 0
            }
            let middle = batch.startIndex + batch.count / 2
            let head = try await restore(batch[..<middle], state: &state)
            return head + (try await restore(batch[middle...], state: &state))
        }
    }

    private func markRestored(_ point: String, in state: inout RestoreState) {
        state.channels[point, default: ChannelProgress()].restored = true
        state.channels[point, default: ChannelProgress()].lastError = nil
        progress("\(point): restored; lnd connects to the peer and asks it to force-close")
    }

    /// An address lnd can dial on restore: not padding or opaque data, not Tor v2 (lnd drops those).
    static func isUsable(_ address: NodeAddress) -> Bool {
        if case .torV2 = address { return false }
        return address.hostPort != nil
    }

    // MARK: Follow-through

    private func followThrough(_ snapshot: OpenedSnapshot, state: inout RestoreState) async throws {
        for round in 0...schedule.reconnectPauses.count {
            let waiting = try await waitingChannels(snapshot, state: state)
            if waiting.isEmpty { return }
            // One connect per peer and round (a peer often has several channels), one save per round.
            for (pubkey, channels) in Dictionary(grouping: waiting, by: { $0.remoteNodePublicKey.hex }).sorted(by: { $0.key < $1.key }) {
                let found = await currentAddresses(pubkey, backup: channels.flatMap { $0.addresses.compactMap(\.hostPort) })
                let addresses = found.map(\.address)
                progress("peer \(pubkey) (\(channels.count) channel\(channels.count == 1 ? "" : "s")) is not connected; connecting to "
                         + (found.isEmpty ? "(no known address)" : found.map(\.label).joined(separator: ", ")))
                var errors: [String] = []
                for address in addresses {
                    do { try await lnd.connectPeer(pubkey, address: address) } catch { errors.append("\(address): \(error)") }
                }
                let failure = addresses.isEmpty ? "no known address for the peer" : (errors.count == addresses.count ? errors.joined(separator: "; ") : nil)
                for channel in channels {
                    let point = channel.fundingOutpoint.description
                    state.channels[point, default: ChannelProgress()].connectAttempts += 1
                    state.channels[point, default: ChannelProgress()].lastError = failure
                }
            }
            try stateFile.save(state)
            if round < schedule.reconnectPauses.count {
                progress("\(waiting.count) channel\(waiting.count == 1 ? "" : "s") still wait for their peer; checking again in \(schedule.reconnectPauses[round])")
                await sleep(schedule.reconnectPauses[round])
            }
        }
        // Opt-in only (`--escalate`, H3): the direct request throws away the peer's commitment
        // point, which a legacy channel needs to sweep our funds, so legacy channels never get it.
        guard let escalation else { return }
        for channel in try await waitingChannels(snapshot, state: state) {
            let point = channel.fundingOutpoint.description
            guard var entry = state.channels[point], entry.escalation?.requested != true,
                  entry.connectAttempts >= schedule.escalateAfterAttempts else { continue }
            if channel.version == .legacy {
                progress("\(point): legacy channel: never asked directly (lnd needs the peer's commitment point to sweep it); lnd keeps reconnecting")
                continue
            }
            progress("\(point): still unreachable through lnd; asking the peer directly to force-close")
            entry.escalation = await escalation.escalate(channel, addresses: await currentAddresses(channel).map(\.address))
            state.channels[point] = entry
            try stateFile.save(state)
        }
    }

    /// Restored channels whose peer is not connected and that are not closing yet.
    private func waitingChannels(_ snapshot: OpenedSnapshot, state: RestoreState) async throws -> [SingleBackup] {
        let channels = Dictionary(try await lnd.channels().map { ($0.channelPoint, $0) }, uniquingKeysWith: { a, _ in a })
        let peers = try await lnd.connectedPeers()
        return snapshot.inspection.channels.filter { channel in
            let point = channel.fundingOutpoint.description
            guard state.channels[point]?.restored == true else { return false }
            if Self.isClosing(channels[point]) { return false }
            return !peers.contains(channel.remoteNodePublicKey.hex)
        }
    }

    /// --peer's addresses first, then the graph's (peers move), then the backup's.
    private func currentAddresses(_ pubkey: String, backup: [String]) async -> [RestorePeerAddresses.Candidate] {
        let graph = (try? await lnd.graphAddresses(of: pubkey)) ?? []
        return peerAddresses.candidates(pubkey, graph: graph, backup: backup)
    }

    private func currentAddresses(_ channel: SingleBackup) async -> [RestorePeerAddresses.Candidate] {
        await currentAddresses(channel.remoteNodePublicKey.hex, backup: channel.addresses.compactMap(\.hostPort))
    }

    /// lnd shows a close for it (a txid, or a force-closing or closed state): nothing left to
    /// ask the peer.
    static func isClosing(_ channel: LNDChannel?) -> Bool {
        guard let channel else { return false }
        return channel.closingTxid != nil || [.pendingForceClose, .closing, .closed].contains(channel.state)
    }

    // MARK: Summary

    /// Notes where each restored channel's peer was reached, the first time it is seen connected.
    private func noteReachedPeers(_ snapshot: OpenedSnapshot, connections: [String: String], state: inout RestoreState) async {
        var labels: [String: String] = [:]
        for channel in snapshot.inspection.channels {
            let point = channel.fundingOutpoint.description
            let pubkey = channel.remoteNodePublicKey.hex
            guard state.channels[point]?.restored == true, state.channels[point]?.reachedVia == nil,
                  let address = connections[pubkey] else { continue }
            if labels[pubkey] == nil {
                labels[pubkey] = RestorePeerAddresses.label(address, among: await currentAddresses(channel))
            }
            state.channels[point]?.reachedVia = labels[pubkey]
        }
    }

    private func summarize(_ snapshot: OpenedSnapshot, state: inout RestoreState) async throws -> [ChannelRestoreResult] {
        let channels = Dictionary(try await lnd.channels().map { ($0.channelPoint, $0) }, uniquingKeysWith: { a, _ in a })
        let connections = try await lnd.peerAddresses()
        let peers = Set(connections.keys)
        await noteReachedPeers(snapshot, connections: connections, state: &state)
        try stateFile.save(state)
        let unknown = unknownSingleResults(snapshot, state: state, lndChannels: channels, peers: peers)
        return unknown + snapshot.inspection.channels.map { channel in
            let point = channel.fundingOutpoint.description
            let entry = state.channels[point] ?? ChannelProgress()
            let lndChannel = channels[point]
            var result = ChannelRestoreResult(channelPoint: point, remotePubkey: channel.remoteNodePublicKey.hex, capacitySat: channel.capacity,
                                              status: .stuck, closingTxid: lndChannel?.closingTxid, reason: "", nextStep: "",
                                              reachedVia: entry.reachedVia, singleFrom: entry.singleFrom)
            if entry.alreadyPresent {
                result.status = .alreadyPresent
                result.reason = "lnd already had this channel (\(lndChannel?.state.rawValue ?? "gone since")); it was not restored again"
                result.nextStep = "nothing; `casa-recover status` shows it"
            } else if !entry.restored {
                result.reason = entry.lastError ?? "not restored"
                result.nextStep = "find the peer's current address (a Lightning explorer), then `casa-recover trigger-force-close --backup <work-dir>/channel.backup --channel-point \(point) --peer \(channel.remoteNodePublicKey.hex)@HOST:PORT`; or run restore again"
            } else {
                let asked = entry.escalation?.requested == true
                result.status = ChannelStatusOutcome.status(of: lndChannel, peerConnected: peers.contains(channel.remoteNodePublicKey.hex),
                                                            askedDirectly: asked)
                result.reason = ChannelStatusOutcome.reason(result.status, channel: lndChannel)
                switch result.status {
                case .closed:
                    result.nextStep = "nothing"
                case .confirmed:
                    result.nextStep = "nothing to do; lnd sweeps our funds (`casa-recover status`)"
                case .closeSeen:
                    result.nextStep = "wait for confirmations, then `casa-recover status`"
                case .peerConnected:
                    if let via = entry.reachedVia { result.reason += "; reached at \(via)" }
                    result.nextStep = "wait a few blocks, then `casa-recover status`; if no close shows after 6 blocks the peer may ignore lnd's request: "
                        + (channel.version == .legacy
                           ? "a legacy channel: do not trigger it, ask the peer's operator to force-close (docs/force-close.md)"
                           : "`casa-recover restore --escalate` or `casa-recover trigger-force-close --backup <work-dir>/channel.backup --channel-point \(point)`")
                case .askedDirectly:
                    result.reason += " (the peer answered: \(entry.escalation?.outcome ?? "?"))"
                    result.nextStep = entry.escalation?.advice ?? "wait a few blocks, then `casa-recover status`"
                default:
                    result.reason = "the peer is offline or moved (\(entry.connectAttempts) connect round\(entry.connectAttempts == 1 ? "" : "s")"
                        + (entry.lastError.map { "; \($0)" } ?? "") + ")"
                        + (entry.escalation.map { "; direct request: the peer answered \($0.outcome)" } ?? "")
                        + (channel.version == .legacy && escalation != nil ? "; a legacy channel is never asked directly" : "")
                    result.nextStep = channel.version == .legacy
                        ? "run `casa-recover restore` again later; lnd keeps reconnecting (a legacy channel is never triggered: docs/force-close.md)"
                        : entry.connectAttempts >= schedule.escalateAfterAttempts && escalation == nil
                        ? "find the peer's address and run restore again with `--peer PUBKEY@HOST:PORT`, or opt in to `--escalate` (asks the peer directly; read docs/force-close.md first)"
                        : "run `casa-recover restore` again later; lnd also keeps retrying in the background"
                }
            }
            if let from = entry.singleFrom {
                result.reason += "; restored with its Single from \(from): the chosen snapshot's was lnd's re-export of a restored channel, which lnd cannot restore"
            } else if result.status == .stuck, result.reason.contains("legacy channel revocation root format") {
                result.reason += " (lnd's re-export of a channel restored before, D1, and no older snapshot holds this channel)"
                result.nextStep = "if the earlier restore saw this channel closed, nothing is lost; otherwise restore from a snapshot taken before that restore (`--snapshot N`)"
            }
            return result
        }
    }
}
