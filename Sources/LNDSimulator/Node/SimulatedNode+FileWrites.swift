import BackupCore
import Foundation
import Logging

/// Persistence of the node's state: every change asks for a file write; inside a batch the
/// write waits until the outermost batch ends, then each file is written once.
extension SimulatedNode {
    /// Holds file writes back until the matching `releaseWrites()` (call it in a `defer`, so the
    /// writes also happen when the batch throws: lnd keeps the shells inserted before an
    /// aborted restore). Batches nest; the outermost release writes every changed file once.
    func holdWrites() {
        fileWrites.depth += 1
    }

    func releaseWrites() {
        fileWrites.depth -= 1
        guard fileWrites.depth == 0 else { return }
        let pending = fileWrites.pending
        fileWrites.pending = []
        for file in FileWrites.File.allCases where pending.contains(file) { write(file) }
    }

    func saveWorld() { requestWrite(.world) }

    func saveDatabase() { requestWrite(.channelDatabase) }

    /// SubSwapper: rewrite channel.backup with the Singles of the channels in `fileBackupSet`.
    func writeBackupFile() { requestWrite(.channelBackup) }

    private func requestWrite(_ file: FileWrites.File) {
        if fileWrites.depth > 0 {
            fileWrites.pending.insert(file)
        } else {
            write(file)
        }
    }

    private func write(_ file: FileWrites.File) {
        fileWrites.counts[file, default: 0] += 1
        switch file {
        case .world: writeWorldFile()
        case .channelDatabase: writeChannelDatabase()
        case .channelBackup: writeChannelBackupFile()
        }
    }

    private func writeChannelDatabase() {
        do {
            try database.save(directory.channelDatabase)
        } catch {
            logger.error("cannot write channel.db: \(error)")
        }
    }

    private func writeWorldFile() {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            try FileManager.default.createDirectory(at: directory.root, withIntermediateDirectories: true)
            try PosixFile.writeAtomically(Array(try encoder.encode(world)), to: directory.worldFile)
        } catch {
            logger.error("cannot write the simulated world: \(error)")
        }
        refreshPeerListeners()
    }

    private func writeChannelBackupFile() {
        guard let keys else { return }
        do {
            let channels = database.channels.filter { fileBackupSet.contains($0.channelPoint) }
            let packed = try LNDBackupCrypto.seal(multiBackup(of: singles(for: channels)), key: keys.backupEncryptionKey())
            try ChannelBackupFile(path: directory.channelBackup).updateAndSwap(packed)
        } catch {
            logger.error("unable to update channel.backup: \(error)")
        }
    }
}
