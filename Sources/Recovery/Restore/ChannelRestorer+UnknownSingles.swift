import BackupCore
import Sodium
import LightningTypes

/// Channels whose Single version this casa does not know (a newer lnd wrote them, H2): they are
/// handed to lnd exactly as lnd wrote them (only re-encrypted, as every Single sent to lnd is),
/// never parsed or changed, and lnd alone follows them up; the summary shows what lnd reports.
extension ChannelRestorer {
    /// The key the state file uses for an unknown Single: its channel point when the shared
    /// prefix gave one.
    static func stateKey(_ unknown: UnknownSingle, index: Int) -> String {
        unknown.fundingOutpoint?.description ?? "unknown-v\(unknown.version)-\(index)"
    }

    /// The unknown Singles lnd does not have yet, sealed for RestoreChannelBackups.
    func unknownSinglesToRestore(_ snapshot: OpenedSnapshot, known: [String: LNDChannel], key: SecureBytes,
                                 state: inout RestoreState) throws -> [(point: String, sealed: [UInt8])] {
        var pending: [(point: String, sealed: [UInt8])] = []
        for (index, unknown) in snapshot.inspection.unknownSingles.enumerated() {
            let point = Self.stateKey(unknown, index: index)
            var entry = state.channels[point] ?? ChannelProgress()
            defer { state.channels[point] = entry }
            if entry.restored || entry.alreadyPresent { continue }
            if let existing = known[point] {
                if existing.restoredFromBackup { entry.restored = true } else { entry.alreadyPresent = true }
                continue
            }
            progress("\(point): \(unknown.explanation)")
            pending.append((point, try LNDBackupCrypto.encrypt(plaintext: unknown.bytes, key: key)))
        }
        return pending
    }

    /// One summary row per unknown Single, from what lnd reports about it.
    func unknownSingleResults(_ snapshot: OpenedSnapshot, state: RestoreState, lndChannels: [String: LNDChannel],
                              peers: Set<String>) -> [ChannelRestoreResult] {
        snapshot.inspection.unknownSingles.enumerated().map { index, unknown in
            let point = Self.stateKey(unknown, index: index)
            let entry = state.channels[point] ?? ChannelProgress()
            let lndChannel = lndChannels[point]
            let pubkey = unknown.remoteNodePublicKey?.hex ?? "unknown"
            var result = ChannelRestoreResult(channelPoint: point, remotePubkey: pubkey, capacitySat: unknown.capacity ?? 0,
                                              status: .failed, closingTxid: lndChannel?.closingTxid, reason: "", nextStep: "")
            if entry.alreadyPresent {
                result.status = .alreadyPresent
                result.reason = "lnd already had this channel; it was not restored again"
                result.nextStep = "nothing; `casa-recover status` shows it"
            } else if !entry.restored {
                result.reason = (entry.lastError ?? "not restored") + " (\(unknown.explanation))"
                result.nextStep = "restore with an lnd at least as new as the one that wrote the backup; run restore again"
            } else if Self.isClosing(lndChannel) || peers.contains(pubkey) {
                result.status = .closing
                result.reason = "\(unknown.explanation); lnd restored it and its peer is connected or closing"
                result.nextStep = "wait for confirmations; lnd sweeps our funds (`casa-recover status`)"
            } else {
                result.status = .waitingForPeer
                result.reason = "\(unknown.explanation); lnd restored it and reconnects to the peer itself"
                result.nextStep = "run `casa-recover restore` again later; lnd also keeps retrying in the background"
            }
            return result
        }
    }
}
