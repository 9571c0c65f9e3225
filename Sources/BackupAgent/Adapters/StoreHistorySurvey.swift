public import BackupCore
public import BlobStorage
import Foundation
import Sodium

/// `HistorySurvey` over the vault (its newest `vaultVersions` versions of the blob) and the
/// agent's store (newest local and USB copies). A vault that does not answer within
/// `vaultTimeout` is reported as a problem, never waited for forever: local copies go on.
public struct StoreHistorySurvey: HistorySurvey {
    let vault: (any BlobStore)?
    let store: any SnapshotStore
    let vaultVersions: Int
    let vaultTimeout: Duration

    public init(vault: (any BlobStore)?, store: any SnapshotStore, vaultVersions: Int = 20, vaultTimeout: Duration = .seconds(15)) {
        self.vault = vault
        self.store = store
        self.vaultVersions = vaultVersions
        self.vaultTimeout = vaultTimeout
    }

    public func survey(keys: AgentKeys) async -> HistorySurveyResult {
        var result = HistorySurveyResult()
        do {
            for copy in try store.readNewestCopies() {
                if let snapshot = open(copy.sealed, keys: keys, position: HistoryPosition(store: copy.store, order: copy.sequence)) {
                    result.snapshots.append(snapshot)
                    if copy.isPrimary { result.localNewest = snapshot.identity }
                } else {
                    result.problems.append("\(copy.store) #\(copy.sequence) does not open with lnd's keys")
                }
            }
        } catch {
            result.problems.append("the local copies could not be read: \(error)")
        }
        if let vault {
            do {
                let found = try await withDeadline(vaultTimeout) { try await self.vaultSnapshots(vault, keys: keys) }
                result.snapshots += found.snapshots
                result.problems += found.problems
            } catch {
                result.problems.append("the vault's history could not be read (\(error)); counters continue from the local copies")
            }
        }
        return result
    }

    private func vaultSnapshots(_ vault: any BlobStore, keys: AgentKeys) async throws -> HistorySurveyResult {
        let name = keys.blob
        guard let latest = try await vault.list().first(where: { $0.name == name })?.latest.version else { return HistorySurveyResult() }
        let after = latest > UInt64(vaultVersions) ? latest - UInt64(vaultVersions) : nil
        var result = HistorySurveyResult()
        for info in try await vault.versions(of: name, after: after, limit: vaultVersions) {
            let blob = try await vault.get(name, version: info.version)
            if let snapshot = open(blob.data, keys: keys, position: HistoryPosition(store: "the vault", order: info.version)) {
                result.snapshots.append(snapshot)
            } else {
                result.problems.append("vault version \(info.version) does not open with lnd's keys")
            }
        }
        return result
    }

    private func open(_ sealed: [UInt8], keys: AgentKeys, position: HistoryPosition) -> HistorySnapshot<String>? {
        guard let opened = try? Envelope.open(sealed, account: keys.account, blob: keys.blob, key: keys.backup.envelope) else { return nil }
        return HistorySnapshot(identity: SHA256.hash(sealed), counter: opened.counter, lineage: opened.payload.lineage,
                               positions: [position], item: "\(position.store) #\(position.order)")
    }
}

/// Runs `work`, or throws `CancellationError` once `limit` has passed.
func withDeadline<T: Sendable>(_ limit: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await work() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw AgentError.timedOut("no answer within \(limit)") }
        return value
    }
}
