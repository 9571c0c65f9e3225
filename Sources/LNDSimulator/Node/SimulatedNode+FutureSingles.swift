import BackupCore
import Sodium
import LightningTypes

/// Channels this node writes as `FutureSingle`s (version 8, unknown to casa): how every Single
/// and Multi it hands out is packed, and how it reads them back on restore, as the newer lnd
/// that wrote them does.
extension SimulatedNode {
    var futureSingleChannels: Set<String> { database.futureSingleChannels ?? [] }

    /// From now on the channel's Single is written in version 8 (a drill: lnd was upgraded and
    /// this channel now has a type casa does not know, as lnd 0.19 re-wrote every Single with
    /// the new close-tx flag). Like a channel event: channel.backup is rewritten and backup
    /// subscribers get a fresh snapshot.
    public func upgradeSingle(channelPoint: String) throws {
        guard let index = database.index(of: channelPoint), database.channels[index].isInOpenBucket else {
            throw ControlError("no open channel \(channelPoint) (see `lnd-sim status`)")
        }
        holdWrites()
        defer { releaseWrites() }
        database.futureSingleChannels = futureSingleChannels.union([channelPoint])
        saveDatabase()
        channelEvent(.open, channelPoint: channelPoint)
    }

    /// A Multi of these Singles, the future channels as version-8 entries.
    func multiBackup(of singles: [SingleBackup]) throws -> MultiBackup {
        let future = futureSingleChannels
        var known: [SingleBackup] = []
        var unknown: [UnknownSingle] = []
        for single in singles {
            if future.contains(single.fundingOutpoint.description) {
                unknown.append(try FutureSingle.encode(single))
            } else {
                known.append(single)
            }
        }
        return MultiBackup(singles: known, unknownSingles: unknown)
    }

    /// One Single sealed as `ExportChannelBackup` returns it.
    func sealedSingle(_ single: SingleBackup, key: SecureBytes) throws -> [UInt8] {
        guard futureSingleChannels.contains(single.fundingOutpoint.description) else { return try LNDBackupCrypto.seal(single, key: key) }
        return try LNDBackupCrypto.encrypt(plaintext: FutureSingle.encode(single).bytes, key: key)
    }

    /// Every Single of a sealed Multi; version-8 entries are read and remembered as future
    /// channels (a restored shell is written back in the same version).
    func openMultiBackup(blob: [UInt8], key: SecureBytes) throws -> [SingleBackup] {
        let multi = try LNDBackupCrypto.openMulti(blob: blob, key: key)
        return try multi.singles + multi.unknownSingles.map(openFuture)
    }

    func openSingleBackup(blob: [UInt8], key: SecureBytes) throws -> SingleBackup {
        let plaintext = try LNDBackupCrypto.decrypt(blob: blob, key: key)
        if let first = plaintext.first, !SingleBackupVersion.isKnown(versionByte: first) {
            return try openFuture(UnknownSingle(encoded: plaintext))
        }
        return try SingleBackup(decoding: plaintext)
    }

    private func openFuture(_ unknown: UnknownSingle) throws -> SingleBackup {
        let single = try FutureSingle.decode(unknown)
        database.futureSingleChannels = futureSingleChannels.union([single.fundingOutpoint.description])
        return single
    }
}
