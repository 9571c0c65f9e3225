import BackupCore
import Foundation
import Logging
import Sodium
import LightningTypes

/// Static channel backups: snapshots, channel.backup, verify, restore, the backup stream.
extension SimulatedNode {
    enum ChannelEvent {
        case pendingOpen, open, closed(SimulatedChannel.CloseKind), fullyResolved
    }

    func backupKey() throws(RPCError) -> SecureBytes {
        do { return try requireKeys().backupEncryptionKey() } catch let error as RPCError { throw error } catch {
            throw .unknown("\(error)")
        }
    }

    func singles(for channels: [SimulatedChannel]) throws -> [SingleBackup] {
        let builder = BackupBuilder(network: configuration.network)
        return try channels.map { channel in
            var single = try builder.single(for: channel, addresses: database.knownAddresses[channel.remotePubkey] ?? [])
            if channel.isRestored { single.shachainRoot = try reexportedShellRoot(single) }
            return single
        }
    }

    /// `FetchStaticChanBackups`: every channel in the open bucket (pending, open, waiting close, shells).
    var backedUpChannels: [SimulatedChannel] { database.channels.filter(\.isInOpenBucket) }

    /// lnd's `createBackupSnapshot`: each Single sealed on its own, plus one Multi of them all.
    func backupSnapshot() throws(RPCError) -> JSONValue {
        let key = try backupKey()
        do {
            let channels = backedUpChannels
            let singles = try singles(for: channels)
            var singleEntries: [JSONValue] = []
            var points: [JSONValue] = []
            for single in singles {
                let point = ProtoJSON.channelPoint(txidInternal: single.fundingOutpoint.txidInternal, outputIndex: single.fundingOutpoint.outputIndex)
                points.append(point)
                singleEntries.append(.object([("chan_point", point), ("chan_backup", .bytes(try sealedSingle(single, key: key)))]))
            }
            let multi = try LNDBackupCrypto.seal(multiBackup(of: singles), key: key)
            return .object([
                ("single_chan_backups", .object([("chan_backups", .array(singleEntries))])),
                ("multi_chan_backup", .object([("chan_points", .array(points)), ("multi_chan_backup", .bytes(multi))])),
            ])
        } catch {
            throw .unknown("unable to create backup snapshot: \(error)")
        }
    }

    /// A channel event: backup subscribers get a fresh snapshot; channel.backup follows lnd's
    /// rules (a local force close stays in the file until fully resolved).
    func channelEvent(_ event: ChannelEvent, channelPoint: String) {
        var rewriteFile = true
        switch event {
        case .pendingOpen, .open:
            fileBackupSet.insert(channelPoint)
        case .closed(let kind):
            if kind == .localForce {
                rewriteFile = false
            } else {
                fileBackupSet.remove(channelPoint)
            }
        case .fullyResolved:
            fileBackupSet.remove(channelPoint)
        }
        if rewriteFile { writeBackupFile() }
        for continuation in streams.backups.values {
            if let snapshot = try? backupSnapshot() { continuation.yield(snapshot) }
        }
    }

    public func exportAllChannelBackups() throws(RPCError) -> JSONValue {
        try backupSnapshot()
    }

    /// ExportChannelBackup echoes the request's channel point (from a REST path: funding_txid_str).
    public func exportChannelBackup(txid: String, outputIndex: UInt32) throws(RPCError) -> JSONValue {
        guard let channel = backedUpChannels.first(where: { $0.fundingTxid == txid.lowercased() && $0.outputIndex == outputIndex }) else {
            throw .unknown("unable to find target channel")
        }
        let key = try backupKey()
        do {
            let single = try singles(for: [channel])[0]
            return .object([
                ("chan_point", .object([("funding_txid_str", .string(txid)), ("output_index", .uint32(outputIndex))])),
                ("chan_backup", .bytes(try sealedSingle(single, key: key))),
            ])
        } catch {
            throw .unknown("unable to export channel backup: \(error)")
        }
    }

    public func subscribeChannelBackups() -> MessageStream {
        let id = UUID()
        let (stream, continuation) = MessageStream.makeStream()
        streams.backups[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.dropBackupStream(id) }
        }
        return stream
    }

    private func dropBackupStream(_ id: UUID) { streams.backups[id] = nil }

    /// Open SubscribeChannelBackups streams. The stream sends nothing at subscribe time (as
    /// lnd), so a client cannot see when it is live; tests wait for this before causing events.
    public var backupSubscriberCount: Int { streams.backups.count }

    func openBackups(_ sealed: SealedBackups) throws(RPCError) -> [SingleBackup] {
        let key = try backupKey()
        switch sealed {
        case .none:
            return []
        case .multi(let blob):
            do { return try openMultiBackup(blob: blob, key: key) } catch {
                throw .unknown("unable to unpack multi backup: \(SimulatedNode.lndMessage(error))")
            }
        case .singles(let blobs):
            do { return try blobs.map { try openSingleBackup(blob: $0, key: key) } } catch {
                throw .unknown("unable to unpack single backups: \(SimulatedNode.lndMessage(error))")
            }
        }
    }

    /// lnd's wording for a backup that does not open.
    static func lndMessage(_ error: any Error) -> String {
        switch error {
        case LNDBackupCryptoError.authenticationFailed: return "chacha20poly1305: message authentication failed"
        case LNDBackupCryptoError.payloadTooSmall: return "payload size too small"
        default: return "\(error)"
        }
    }

    /// VerifyChanBackup: exactly one Single or one Multi; returns the channel points it holds.
    func verifyChanBackup(_ request: JSONInput) throws(RPCError) -> JSONValue {
        var singles: [JSONInput] = []
        if let container = try request.object("single_chan_backups") { singles = try container.objects("chan_backups") }
        var multi: [UInt8] = []
        if let container = try request.object("multi_chan_backup") { multi = try container.bytes("multi_chan_backup") }
        if !singles.isEmpty && !multi.isEmpty {
            throw .unknown("either a Single or Multi channel backup can be specified, not both")
        }
        let key = try backupKey()
        var points: [String] = []
        if !multi.isEmpty {
            do { points = try openMultiBackup(blob: multi, key: key).map { $0.fundingOutpoint.description } } catch {
                throw .unknown(SimulatedNode.lndMessage(error))
            }
        } else if singles.count == 1 {
            do { points = [try openSingleBackup(blob: singles[0].bytes("chan_backup"), key: key).fundingOutpoint.description] } catch let error as RPCError {
                throw error
            } catch {
                throw .unknown(SimulatedNode.lndMessage(error))
            }
        } else if singles.count > 1 {
            throw .unknown("only a single channel backup can be verified at a time")
        } else {
            throw .unknown("either a Single or Multi channel backup must be specified")
        }
        return .object([("chan_points", .array(points.map { .string($0) }))])
    }

    /// RestoreChannelBackups (docs/lnd.md §3.3).
    func restoreChannelBackups(_ request: JSONInput) throws(RPCError) -> JSONValue {
        let multi = try request.bytes("multi_chan_backup")
        var singles: [[UInt8]] = []
        if let container = try request.object("chan_backups") {
            for entry in try container.objects("chan_backups") { singles.append(try entry.bytes("chan_backup")) }
        }
        let restored: Int
        if !multi.isEmpty {
            let opened = try openBackups(.multi(multi))
            do { restored = try recover(opened) } catch {
                throw .unknown("unable to unpack multi backup: \(error.message)")
            }
        } else if !singles.isEmpty {
            let opened = try openBackups(.singles(singles))
            do { restored = try recover(opened) } catch {
                throw .unknown("unable to unpack single backups: \(error.message)")
            }
        } else {
            // D14: an empty request restores nothing and is no error (rpcserver.go:8044-8046).
            restored = 0
        }
        return .object([("num_restored", .integer(Int64(restored)))])
    }

    /// `chanbackup.Recover`: per Single, insert a shell (a channel lnd knows, even closed, is
    /// skipped and not counted), then queue persistent connections to its usable addresses; a Single with no
    /// usable address aborts the loop, with the earlier shells kept.
    func recover(_ singles: [SingleBackup]) throws(RPCError) -> Int {
        holdWrites()
        defer { releaseWrites() }
        var restored = 0
        defer {
            saveDatabase()
            syncWithChain()
            reconcileConnections()
        }
        // Looked up once: a linear search per Single made a large restore quadratic.
        var present = Set(database.channels.map(\.channelPoint))
        for single in singles {
            let shell = BackupBuilder.shell(from: single)
            // ErrChanAlreadyExists for any outpoint lnd ever knew: closing only marks the outpoint
            // index entry closed (channeldb/channel.go:875-882, 2811), so closed channels block a shell too.
            if present.contains(shell.channelPoint) { continue }
            try checkRestorableRoot(single)
            database.channels.append(shell)
            present.insert(shell.channelPoint)
            restored += 1
            let addresses = BackupBuilder.usableAddresses(of: single)
            for address in addresses { database.learnAddress(address, for: shell.remotePubkey) }
            guard let first = addresses.first else {
                throw .unknown("unable to connect to peer \(shell.remotePubkey) for SCB restore")
            }
            // ConnectToPeer(perm) returns at once, so lnd's loop queues the first usable
            // address only (chanrestore.go:348-377, server.go:5254-5275); the others wait for a restart.
            database.dialOnly[shell.remotePubkey, default: []].insert(first)
            // ConnectPeer first disconnects a connected peer, so the shell reestablishes.
            connected[shell.remotePubkey] = nil
        }
        return restored
    }
}
