import BackupCore
import BlobStorage
import Foundation
import Recovery
import Sodium
import Testing

/// L9: recovery reads the newest snapshots that open, not every version the vault keeps; junk
/// uploaded on top never counts toward that, so it cannot push the real ones out of reach.
@Suite struct SnapshotDepthTests {
    @Test func onlyTheNewestThatOpenAreReadAndJunkDoesNotCount() async throws {
        let fixtures = try SnapshotFixtures()
        let vault = try await fixtures.vault(counters: Array(1...10))
        let name = fixtures.keys.blob
        for version in 11...15 {  // a stolen device key uploading junk as the newest versions
            let junk = Array(try SecureBytes.random(count: 4096).unsafeCopy())
            _ = try await vault.store.put(name, version: UInt64(version), data: junk, contentHash: ContentHash(SHA256.hash(junk)))
        }

        let listing = try await SnapshotLoader.load(seed: fixtures.seed, network: nil, locations: [.vault { vault.connect($0) }], depth: 3)

        #expect(listing.usable.map(\.counter) == [10, 9, 8])
        #expect(listing.newest?.counter == 10)
        #expect(listing.entries.count == 8)  // 5 junk + 3 read; versions 1...7 never downloaded
        #expect(listing.warnings.contains("the vault: 7 older snapshot(s) were not read (the newest 3 that open were); --depth 0 reads them all"))

        let everything = try await SnapshotLoader.load(seed: fixtures.seed, network: nil, locations: [.vault { vault.connect($0) }], depth: nil)
        #expect(everything.usable.count == 10)
        #expect(!everything.warnings.contains { $0.contains("were not read") })
    }
}
