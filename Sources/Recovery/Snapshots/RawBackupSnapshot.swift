import BackupCore
import Foundation
import SeedKit
import Sodium
import LightningTypes

/// lnd's own `channel.backup` (raw or hex, e.g. `fetch`'s output, a USB copy of lnd's file, or an
/// archive from `chan-backup-archives/`) as a snapshot `restore` can use. It has no envelope, so
/// no counter: the user picked this file.
public enum RawBackupSnapshot {
    public static func open(path: String, seed: SeedMaterial, network: BitcoinNetwork?) throws -> OpenedSnapshot {
        let blob = try BackupFile.read(path: path)
        let inspection = try BackupInspector().inspect(blob: blob, kind: .multi, seed: seed, network: network)
        let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate]) as? Date
        let reference = SnapshotReference(origin: .file(path: path, sequence: nil), storedAt: modified, size: blob.count, contentHash: nil)
        return OpenedSnapshot(reference: reference, counter: 0, lineage: nil, identity: SHA256.hash(blob), createdAt: modified ?? Date(timeIntervalSince1970: 0), lndBackup: blob,
                              inspection: inspection, keys: try RecoveryKeys(seed: seed, network: network ?? inspection.network))
    }
}
