import BackupCore
import Foundation
import SeedKit

/// `casa-recover restore`: brings a snapshot's channels into a new lnd and follows through until
/// every peer is asked to close (lnd-facts.md §3.3, §5). Every step is saved in the state file,
/// so a re-run resumes; every wait is bounded.
public struct ChannelRestorer: Sendable {
    public let lnd: any RecoveryLND
    public let escalation: (any ForceCloseEscalation)?
    public let stateFile: RestoreStateFile
    public let schedule: RestoreSchedule
    public let sleep: @Sendable (Duration) async -> Void
    public let progress: @Sendable (String) -> Void

    public init(lnd: any RecoveryLND, escalation: (any ForceCloseEscalation)?, stateFile: RestoreStateFile,
                schedule: RestoreSchedule = RestoreSchedule(),
                sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) },
                progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.lnd = lnd
        self.escalation = escalation
        self.stateFile = stateFile
        self.schedule = schedule
        self.sleep = sleep
        self.progress = progress
    }

    public func run(_ snapshot: OpenedSnapshot, secrets: RestoreSecrets, recoveryWindow: Int32 = 2500) async throws -> RestoreReport {
        let node = snapshot.keys.nodePublicKey
        var state = try stateFile.load() ?? RestoreState(nodePubkey: node, snapshotCounter: snapshot.counter)
        guard state.nodePubkey == node else {
            throw RecoveryError.wrongNode(expected: node, found: "\(state.nodePubkey) (in \(stateFile.path))")
        }

        try await prepareWallet(node: node, secrets: secrets, recoveryWindow: recoveryWindow, state: &state)
        try await waitForServer()
        let identity = try await lnd.identityPubkey()
        guard identity == node else { throw RecoveryError.wrongNode(expected: node, found: identity) }
        progress("lnd runs node \(node): the node these words and this backup belong to")

        let restoredNow = try await restoreMissing(snapshot, state: &state)
        try await followThrough(snapshot, state: &state)
        let results = try await summarize(snapshot, state: &state)
        return RestoreReport(nodePubkey: node, snapshot: SnapshotSummary(snapshot), walletCreated: state.walletCreated,
                             restoredNow: restoredNow, complete: results.allSatisfy { $0.status == .closing || $0.status == .alreadyPresent },
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
            try await lnd.initWallet(WalletCreation(password: try secrets.walletPassword(), mnemonic: secrets.mnemonic,
                                                    passphrase: secrets.passphrase, recoveryWindow: recoveryWindow))
            state.walletCreated = true
            try stateFile.save(state)
        case .locked:
            progress("unlocking lnd's wallet (nothing is restored before its node identity is checked)")
            try await lnd.unlockWallet(password: try secrets.walletPassword())
        case .unlocked, .rpcActive, .serverActive, .waitingToStart:
            break
        }
    }

    private func waitForServer() async throws {
        var last: LNDWalletState?
        for poll in 0..<max(1, schedule.serverPolls) {
            let current = try await lnd.walletState()
            if current == .serverActive { return }
            if current != last { progress("waiting for lnd: \(current.explanation)") }
            last = current
            if poll + 1 < schedule.serverPolls { await sleep(schedule.serverPollInterval) }
        }
        throw RecoveryError.incomplete("lnd did not become ready (state \(last?.rawValue ?? "?")); check its log")
    }

    // MARK: Restore

    private func restoreMissing(_ snapshot: OpenedSnapshot, state: inout RestoreState) async throws -> Int {
        let known = Dictionary(try await lnd.channels().map { ($0.channelPoint, $0) }, uniquingKeysWith: { a, _ in a })
        let key = try snapshot.keys.keyRing.staticChannelBackupKey()
        var restored = 0
        for channel in snapshot.inspection.channels {
            let point = channel.fundingOutpoint.description
            var entry = state.channels[point] ?? ChannelProgress()
            if entry.restored || entry.alreadyPresent { continue }
            if let existing = known[point] {
                entry.alreadyPresent = true
                state.channels[point] = entry
                progress("\(point): lnd already has it (\(existing.state.rawValue)); left alone")
                try stateFile.save(state)
                continue
            }
            var single = channel
            if single.addresses.allSatisfy({ $0.hostPort == nil }) {
                let graph = (try? await lnd.graphAddresses(of: channel.remoteNodePublicKey.hex)) ?? []
                single.addresses = graph.compactMap(NodeAddress.fromGraph)
                if single.addresses.isEmpty {
                    let reason = "no address for the peer in the backup or in lnd's graph (lnd would abort the restore)"
                    entry.lastError = reason
                    state.channels[point] = entry
                    try stateFile.save(state)
                    progress("\(point): \(reason)")
                    continue
                }
                progress("\(point): the backup has no address for the peer; using the graph's \(graph.joined(separator: ", "))")
            }
            do {
                let sealed = try LNDBackupCrypto.seal(single, key: key)
                restored += try await lnd.restoreChannelBackups([(channelPoint: point, single: sealed)])
                entry.restored = true
                entry.lastError = nil
                progress("\(point): restored; lnd connects to the peer and asks it to force-close")
            } catch let error as RecoveryError {
                if case .lndUnavailable = error { state.channels[point] = entry; try stateFile.save(state); throw error }
                entry.lastError = error.description
                progress("\(point): lnd refused it: \(error.description)")
            }
            state.channels[point] = entry
            try stateFile.save(state)
        }
        return restored
    }

    // MARK: Follow-through

    private func followThrough(_ snapshot: OpenedSnapshot, state: inout RestoreState) async throws {
        for round in 0...schedule.reconnectPauses.count {
            let waiting = try await waitingChannels(snapshot, state: state)
            if waiting.isEmpty { return }
            for channel in waiting {
                let point = channel.fundingOutpoint.description
                let pubkey = channel.remoteNodePublicKey.hex
                let addresses = await currentAddresses(channel)
                progress("\(point): peer \(pubkey) is not connected; connecting to \(addresses.isEmpty ? "(no known address)" : addresses.joined(separator: ", "))")
                var entry = state.channels[point] ?? ChannelProgress()
                var errors: [String] = []
                for address in addresses {
                    do { try await lnd.connectPeer(pubkey, address: address) } catch { errors.append("\(address): \(error)") }
                }
                entry.connectAttempts += 1
                entry.lastError = addresses.isEmpty ? "no known address for the peer" : (errors.count == addresses.count ? errors.joined(separator: "; ") : nil)
                state.channels[point] = entry
                try stateFile.save(state)
            }
            if round < schedule.reconnectPauses.count {
                progress("\(waiting.count) peer\(waiting.count == 1 ? "" : "s") still offline; checking again in \(schedule.reconnectPauses[round])")
                await sleep(schedule.reconnectPauses[round])
            }
        }
        guard let escalation else { return }
        for channel in try await waitingChannels(snapshot, state: state) {
            let point = channel.fundingOutpoint.description
            guard var entry = state.channels[point], entry.escalation?.requested != true,
                  entry.connectAttempts >= schedule.escalateAfterAttempts else { continue }
            progress("\(point): still unreachable through lnd; asking the peer directly to force-close")
            entry.escalation = await escalation.escalate(channel, addresses: await currentAddresses(channel))
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

    /// The graph's addresses first (peers move), then the backup's.
    private func currentAddresses(_ channel: SingleBackup) async -> [String] {
        let graph = (try? await lnd.graphAddresses(of: channel.remoteNodePublicKey.hex)) ?? []
        var seen = Set<String>()
        return (graph + channel.addresses.compactMap(\.hostPort)).filter { seen.insert($0).inserted }
    }

    static func isClosing(_ channel: LNDChannel?) -> Bool {
        guard let channel else { return false }
        return channel.closingTxid != nil || channel.state == .pendingForceClose || channel.state == .closing
    }

    // MARK: Summary

    private func summarize(_ snapshot: OpenedSnapshot, state: inout RestoreState) async throws -> [ChannelRestoreResult] {
        let channels = Dictionary(try await lnd.channels().map { ($0.channelPoint, $0) }, uniquingKeysWith: { a, _ in a })
        let peers = try await lnd.connectedPeers()
        return snapshot.inspection.channels.map { channel in
            let point = channel.fundingOutpoint.description
            let entry = state.channels[point] ?? ChannelProgress()
            let lndChannel = channels[point]
            var result = ChannelRestoreResult(channelPoint: point, remotePubkey: channel.remoteNodePublicKey.hex, capacitySat: channel.capacity,
                                              status: .failed, closingTxid: lndChannel?.closingTxid, reason: "", nextStep: "")
            if entry.alreadyPresent {
                result.status = .alreadyPresent
                result.reason = "lnd already had this channel (\(lndChannel?.state.rawValue ?? "gone since")); it was not restored again"
                result.nextStep = "nothing; `casa-recover status` shows it"
            } else if !entry.restored {
                result.reason = entry.lastError ?? "not restored"
                result.nextStep = "find the peer's current address (a Lightning explorer) and run `casa-recover trigger-force-close` for this channel; or run restore again"
            } else if Self.isClosing(lndChannel) {
                result.status = .closing
                result.reason = "the closing transaction is known (\(lndChannel?.closingTxid ?? "pending"))"
                result.nextStep = "wait for confirmations; lnd sweeps our funds (`casa-recover status`)"
            } else if peers.contains(channel.remoteNodePublicKey.hex) {
                result.status = .closing
                result.reason = "the peer is connected and lnd asked it to force-close; its closing transaction is not seen yet"
                result.nextStep = "wait; if no closing transaction appears within a few blocks, run `casa-recover trigger-force-close` (some peers ignore lnd's request)"
            } else if let escalation = entry.escalation, escalation.requested {
                result.status = .closing
                result.reason = "the peer was asked directly to force-close (\(escalation.outcome))"
                result.nextStep = escalation.advice
            } else {
                result.status = .waitingForPeer
                result.reason = "the peer is offline or moved (\(entry.connectAttempts) connect round\(entry.connectAttempts == 1 ? "" : "s")"
                    + (entry.lastError.map { "; \($0)" } ?? "") + ")"
                    + (entry.escalation.map { "; direct request: \($0.outcome)" } ?? "")
                result.nextStep = entry.connectAttempts >= schedule.escalateAfterAttempts && escalation == nil
                    ? "needs trigger-force-close: `casa-recover trigger-force-close` for this channel, or run restore again later"
                    : "run `casa-recover restore` again later; lnd also keeps retrying in the background"
            }
            return result
        }
    }
}
