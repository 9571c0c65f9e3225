import BackupCore
import Foundation
import Logging
import Sodium
import LightningTypes

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
            try updateBackupFile(key: keys.backupEncryptionKey())
        } catch {
            // lnd logs it and carries on; the file on disk stays as it was (pubsub.go:380-384).
            logger.error("unable to update channel.backup: \(error)")
        }
    }

    /// lnd's `SubSwapper.updateBackupFile` (chanbackup/pubsub.go:240-310): decrypt the file on
    /// disk first (one that does not decrypt is an error, so it stays: D7), merge it with the
    /// in-memory set (memory wins; channels closed since leave), then write the Singles in Go
    /// map order, which is random at every write (D2).
    func updateBackupFile(key: SecureBytes) throws {
        var combined: [String: SingleBackup] = [:]
        if let onDisk = PosixFile.read(directory.channelBackup) {
            do {
                for single in try openMultiBackup(blob: onDisk, key: key) { combined[single.fundingOutpoint.description] = single }
            } catch {
                throw BackupFileError.undecryptable(SimulatedNode.lndMessage(error))
            }
        }
        // Closed channels that left lnd's backup set leave the file (the others on disk stay).
        for channel in database.channels where !fileBackupSet.contains(channel.channelPoint) && !channel.isInOpenBucket {
            combined[channel.channelPoint] = nil
        }
        let channels = database.channels.filter { fileBackupSet.contains($0.channelPoint) }
        for single in try singles(for: channels) { combined[single.fundingOutpoint.description] = single }
        let packed = try LNDBackupCrypto.seal(multiBackup(of: Array(combined.values).shuffled()), key: key)
        try ChannelBackupFileWriter(path: directory.channelBackup).updateAndSwap(packed)
    }

    /// lnd refuses to start when channel.backup does not decrypt: `SubSwapper.Start` fails,
    /// then `server.Start`, and lnd exits (pubsub.go:168-187, server.go:2619-2622). Returns
    /// lnd's message, or nil when the file decrypts or is absent.
    func backupFileStartFailure() -> String? {
        guard let keys, let onDisk = PosixFile.read(directory.channelBackup) else { return nil }
        do {
            _ = try openMultiBackup(blob: onDisk, key: keys.backupEncryptionKey())
            return nil
        } catch {
            return "unable to start server: unable to refresh backup file: \(BackupFileError.undecryptable(SimulatedNode.lndMessage(error)))"
        }
    }

    /// A clean shutdown rewrites channel.backup with fresh Singles (lnd's `server.Stop`
    /// ManualUpdate, server.go:2896-2910: D12).
    func writeBackupFileAtShutdown() {
        guard walletState == .serverActive, keys != nil else { return }
        writeBackupFile()
    }
}

/// lnd's wording when the file on disk does not decrypt (pubsub.go:255-263).
enum BackupFileError: Error, CustomStringConvertible {
    case undecryptable(String)

    var description: String {
        switch self {
        case .undecryptable(let why): "unable to extract on disk encrypted SCB: \(why)"
        }
    }
}
