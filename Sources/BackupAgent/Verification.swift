public import BackupCore
public import BlobStorage
import Sodium

/// `casa-backupd verify`: reads back the local and the vault copy, opens our envelope, checks
/// that both hold lnd's Multi under lnd's key, and asks lnd's VerifyChanBackup.
public struct Verification: Sendable {
    let lnd: any LNDNode
    let store: any SnapshotStore
    let vault: any BlobStore
    let account: AccountID

    public init(lnd: any LNDNode, store: any SnapshotStore, vault: any BlobStore, account: AccountID) {
        self.lnd = lnd
        self.store = store
        self.vault = vault
        self.account = account
    }

    public struct Report: Sendable, Equatable {
        public var localCounter: UInt64?
        public var vaultCounter: UInt64?
        public var vaultVersion: UInt64?
        public var channelCount: Int
        public var problems: [String]
        public var isGood: Bool { problems.isEmpty }
    }

    public func run() async throws -> Report {
        let keys = try await AgentKeys.derive(from: lnd, account: account)
        var report = Report(channelCount: 0, problems: [])
        var newest: (counter: UInt64, lndMulti: [UInt8])?
        if let local = try store.readLatest() {
            if let opened = check(local.sealed, keys: keys, what: "local copy #\(local.info.sequence)", report: &report) {
                report.localCounter = opened.counter
                newest = opened
            }
        } else {
            report.problems.append("no local snapshot yet")
        }
        do {
            let blob = try await vault.latest(keys.blob)
            report.vaultVersion = blob.info.version
            if let opened = check(blob.data, keys: keys, what: "vault version \(blob.info.version)", report: &report) {
                report.vaultCounter = opened.counter
                if opened.counter > (newest?.counter ?? 0) || newest == nil { newest = opened }
            }
        } catch let error as BlobStoreError where error.code == .notFound {
            report.problems.append("the vault holds no snapshot yet")
        } catch {
            report.problems.append("cannot read the vault copy: \(error)")
        }
        if let local = report.localCounter, let remote = report.vaultCounter, local > remote {
            report.problems.append("the vault is behind the local copy (counter \(remote) < \(local)): uploads are pending or failing")
        }
        if let newest {
            do {
                try await lnd.verifyMultiBackup(newest.lndMulti)
                report.channelCount = try LNDBackupCrypto.openMulti(blob: newest.lndMulti, key: keys.lndSCBKey).singles.count
            } catch {
                report.problems.append("lnd's VerifyChanBackup rejected the newest copy: \(error)")
            }
        }
        return report
    }

    private func check(_ sealed: [UInt8], keys: AgentKeys, what: String, report: inout Report) -> (counter: UInt64, lndMulti: [UInt8])? {
        do {
            let opened = try Envelope.open(sealed, account: keys.account, blob: keys.blob, key: keys.backup.envelope)
            _ = try LNDBackupCrypto.openMulti(blob: opened.payload.bytes, key: keys.lndSCBKey)
            return (opened.counter, opened.payload.bytes)
        } catch {
            report.problems.append("\(what) does not open: \(error)")
            return nil
        }
    }
}
