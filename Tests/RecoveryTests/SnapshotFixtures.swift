import BackupCore
import BlobStorage
import Foundation
import Recovery
import SeedKit
import Sodium
import TestSupport
import LightningTypes

/// Vector A's real lnd Multi sealed in our envelope under the keys of vector A's words, as the
/// agent would have stored it: in a vault (in memory) and in a snapshot folder.
struct SnapshotFixtures {
    let files: RecoveryFixtures
    let seed: SeedMaterial
    let keys: RecoveryKeys
    let owner: OwnerKey
    let lndBackup: [UInt8]

    init() throws {
        files = try RecoveryFixtures()
        seed = try SeedLoader(wordsFile: files.wordsA, passphraseFile: files.passphraseA).load()
        keys = try RecoveryKeys(seed: seed, network: .regtest)
        owner = try seed.ownerKey()
        lndBackup = files.vectorA.body
    }

    var account: AccountID { owner.accountID }

    func envelope(counter: UInt64, createdAt: UInt64 = 1_764_000_000, lndBackup: [UInt8]? = nil, lineage: SnapshotLineage? = nil) throws -> [UInt8] {
        try Envelope.seal(EnvelopePayload(kind: .lndMultiChannelBackup, createdAt: createdAt, bytes: lndBackup ?? self.lndBackup, lineage: lineage),
                          counter: counter, account: account, blob: keys.blob, key: keys.backup.envelope)
    }

    /// A vault account holding these envelopes as versions 1, 2, … in this order.
    func vault(envelopes: [[UInt8]]) async throws -> MemoryOwnerVault {
        let store = MemoryBlobStore()
        let name = keys.blob
        for (index, bytes) in envelopes.enumerated() {
            _ = try await store.put(name, version: UInt64(index + 1), data: bytes, contentHash: ContentHash(SHA256.hash(bytes)))
        }
        return MemoryOwnerVault(account: account, store: store)
    }

    /// A folder with the agent's snapshot files holding these envelopes (sequence → envelope).
    func folder(envelopes: [(sequence: UInt64, envelope: [UInt8])]) throws -> String {
        let dir = files.dir.url.appendingPathComponent("snapshots-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (sequence, envelope) in envelopes {
            let file = LocalSnapshotFile(sequence: sequence, createdAtMilliseconds: 1_764_000_000_000 + Int64(sequence) * 1000,
                                         channelCount: 1, multiHash: [UInt8](repeating: 7, count: 32), sealed: envelope)
            try Data(file.encoded()).write(to: dir.appendingPathComponent(LocalSnapshotFile.fileName(sequence: sequence)))
        }
        return dir.path
    }

    /// A vault account holding `counters.count` versions of `scb/multi` (version i has counter counters[i-1]).
    func vault(counters: [UInt64] = [1, 2, 3]) async throws -> MemoryOwnerVault {
        let store = MemoryBlobStore()
        let name = keys.blob
        for (index, counter) in counters.enumerated() {
            let bytes = try envelope(counter: counter, createdAt: 1_764_000_000 + counter)
            _ = try await store.put(name, version: UInt64(index + 1), data: bytes, contentHash: ContentHash(SHA256.hash(bytes)))
        }
        return MemoryOwnerVault(account: account, store: store)
    }

    /// lnd's Multi with `count` copies of vector A's channel under distinct funding outpoints,
    /// encrypted with lnd's SCB key from the words; `withoutAddress` channels have no address.
    func manyChannelBackup(count: Int, withoutAddress: Set<Int> = []) throws -> [UInt8] {
        let template = try LNDBackupCrypto.openMulti(blob: lndBackup, key: keys.keyRing.staticChannelBackupKey()).singles[0]
        let singles = try (0..<count).map { index -> SingleBackup in
            var single = template
            single.fundingOutpoint = try ChannelPoint(txidInternal: SHA256.hash(Array("channel \(index)".utf8)), outputIndex: UInt32(index % 4))
            if withoutAddress.contains(index) { single.addresses = [] }
            return single
        }
        return try LNDBackupCrypto.seal(MultiBackup(singles: singles), key: keys.keyRing.staticChannelBackupKey())
    }

    /// A folder with the agent's snapshot files for `sequences` (counter = sequence).
    func folder(sequences: [UInt64] = [1, 2, 3]) throws -> String {
        let dir = files.dir.url.appendingPathComponent("snapshots-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for sequence in sequences {
            let file = LocalSnapshotFile(sequence: sequence, createdAtMilliseconds: 1_764_000_000_000 + Int64(sequence) * 1000,
                                         channelCount: 1, multiHash: [UInt8](repeating: 7, count: 32), sealed: try envelope(counter: sequence))
            try Data(file.encoded()).write(to: dir.appendingPathComponent(LocalSnapshotFile.fileName(sequence: sequence)))
        }
        return dir.path
    }
}

/// The owner's view of one vault account, in memory. Other accounts do not exist.
final class MemoryOwnerVault: OwnerVault, @unchecked Sendable {
    let account: AccountID
    let store: MemoryBlobStore
    private let lock = NSLock()
    private var deviceList: [VaultDevice] = [
        VaultDevice(key: String(repeating: "ab", count: 32), label: "pi-living-room", createdAt: 1_764_000_000_000, revokedAt: nil, lastSeenAt: 1_764_000_100_000),
    ]

    init(account: AccountID, store: MemoryBlobStore) {
        self.account = account
        self.store = store
    }

    /// The vault as reached with `owner`: its account's store, or one that says "no such account".
    func connect(_ owner: OwnerKey) -> any OwnerVault {
        owner.accountID == account ? self : MissingAccount()
    }

    var blobs: any BlobStore { store }

    func devices() async throws -> [VaultDevice] {
        lock.withLock { deviceList }
    }

    func revokeDevice(key: String) async throws -> VaultDevice {
        try lock.withLock {
            guard let index = deviceList.firstIndex(where: { $0.key == key }) else {
                throw BlobStoreError(.notFound, "device \(key) is not registered in this account")
            }
            if deviceList[index].revokedAt == nil { deviceList[index].revokedAt = 1_764_000_200_000 }
            return deviceList[index]
        }
    }
}

/// What the vault answers for an account that does not exist.
struct MissingAccount: OwnerVault, BlobStore {
    var blobs: any BlobStore { self }
    func devices() async throws -> [VaultDevice] { throw Self.missing }
    func revokeDevice(key: String) async throws -> VaultDevice { throw Self.missing }
    func put(_ name: BlobName, version: UInt64, data: [UInt8], contentHash: ContentHash) async throws -> BlobInfo { throw Self.missing }
    func get(_ name: BlobName, version: UInt64?) async throws -> Blob { throw Self.missing }
    func list() async throws -> [BlobSummary] { throw Self.missing }
    func versions(of name: BlobName, after: UInt64?, limit: Int) async throws -> [BlobInfo] { throw Self.missing }
    static let missing = BlobStoreError(.notFound, "account_not_found")
}
