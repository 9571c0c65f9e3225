import Sodium

/// A digest of a Multi that depends only on its SET of channels and on what a restore uses, so
/// that two copies of the same channel state compare equal however lnd wrote them (D2 in
/// lnd-fidelity.md; docs/scb-format.md §6). lnd writes the same state differently from one copy
/// to the next:
/// - `channel.backup` lists the Singles in Go map order, random at every write
///   (chanbackup/pubsub.go:294-299), and rewrites the file at every start and clean shutdown;
/// - each Single's addresses come from `multiAddrSource.AddrsForNode`, which de-duplicates
///   through a Go map, so their order is random too (channeldb/addr_source.go:50-76);
/// - the CloseTxInputs hold the local commitment of the moment the Single was built
///   (chanbackup/backup.go:58-95): the file's Singles were built at the channel event or at
///   start (pubsub.go:349-356), the RPC export's at the call, so they differ after any payment.
///   lnd itself never rewrites the backup for a new commitment, restore never uses them (it
///   uses data-loss protection), and an old commitment is a revoked one, dangerous to publish.
/// So: each Single is hashed without its CloseTxInputs (version without the 0x80 flag) and with
/// its address descriptors sorted, and the Singles' hashes are sorted before the final hash.
/// A Single of an unknown version is hashed whole (it cannot be normalised).
enum ChannelSetDigest {
    /// Bytes from the body start to the address list: initiator, chain hash, outpoint, SCID, node key.
    static let identityPrefix = 1 + 32 + 34 + 8 + 33

    static func single(_ bytes: [UInt8], layout: SingleBackupLayout, addresses: AddressDescriptorRanges) -> [UInt8] {
        var canonical: [UInt8] = [layout.version.rawValue]
        canonical.reserveCapacity(layout.range.count)
        canonical += bytes[layout.body..<layout.body + identityPrefix]
        let sorted = addresses.descriptors.sorted { bytes[$0].lexicographicallyPrecedes(bytes[$1]) }
        canonical += [UInt8(truncatingIfNeeded: sorted.count >> 8), UInt8(truncatingIfNeeded: sorted.count)]
        for descriptor in sorted {
            canonical += [UInt8(truncatingIfNeeded: descriptor.count >> 8), UInt8(truncatingIfNeeded: descriptor.count)]
            canonical += bytes[descriptor]
        }
        canonical += bytes[layout.afterAddresses..<layout.fixedFieldsEnd]
        return SHA256.hash(canonical)
    }

    /// 0xff cannot be a known version byte without its flag, so no known Single hashes alike.
    static func unknown(_ single: UnknownSingle) -> [UInt8] { SHA256.hash([0xff] + single.bytes) }

    static func set(_ digests: [[UInt8]]) -> [UInt8] {
        let count = UInt32(truncatingIfNeeded: digests.count)
        var all: [UInt8] = [UInt8(count >> 24), UInt8(count >> 16 & 0xff), UInt8(count >> 8 & 0xff), UInt8(count & 0xff)]
        for digest in digests.sorted(by: { $0.lexicographicallyPrecedes($1) }) { all += digest }
        return SHA256.hash(all)
    }
}
