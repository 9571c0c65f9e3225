import BackupAgent
import BackupCore
import Foundation
import Logging
import Secp256k1
import Sodium
import BlobStorage
import TestSupport

// Waits on AgentStatus fields and FakeLNDNode's state use TestSupport's `eventually`, a bounded poll:
// neither offers an event (AgentStatus signals only uploads, `waitUntilUploaded`). Waits on the
// store use `MemorySnapshotStore.waitUntil`, which wakes on each change.

/// One agent over in-memory doubles.
struct Harness {
    let lnd: FakeLNDNode
    let store: MemorySnapshotStore
    let vault: ScriptedVault
    let account: AccountID
    let runtime: AgentRuntime
    let state: TemporaryDirectory

    init(controlPort: UInt16? = nil, keep: Int = 3) throws {
        lnd = try FakeLNDNode()
        store = MemorySnapshotStore(keep: keep)
        vault = ScriptedVault()
        account = AccountID(ownerPublicKey: Array(repeating: 7, count: 32))
        state = try TemporaryDirectory(prefix: "casa-agent")
        var logger = Logger(label: "casa-backupd-test")
        logger.logLevel = .critical
        runtime = try AgentRuntime(
            settings: AgentSettings(
                account: account, stateDirectory: state.path, lndDataDirectory: nil, blobName: nil,
                heartbeatPeriod: .seconds(3600), controlPort: controlPort),
            lnd: lnd, store: store, vault: vault, vaultControl: vault, logger: logger)
    }

    /// The keys the recovery tool would compute from lnd's node key (independent path).
    func recoveryKeys() throws -> BackupKeys {
        try BackupKeys(root: BackupRoot(nodeIdentityKey: lnd.nodeKey))
    }

    /// Opens a sealed snapshot as recovery would and returns lnd's decrypted Multi.
    func openSealed(_ sealed: [UInt8], notOlderThan: UInt64 = 0) throws -> (multi: MultiBackup, counter: UInt64) {
        let keys = try recoveryKeys()
        let opened = try Envelope.open(
            sealed, account: account, blob: keys.multiChannelBackupBlob, key: keys.envelope, notOlderThan: notOlderThan)
        return (try LNDBackupCrypto.openMulti(blob: opened.payload.bytes, key: lnd.scbKey), opened.counter)
    }
}
