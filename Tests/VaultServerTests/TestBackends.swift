import BlobStorage
import Foundation
import Logging
import Sodium
import Synchronization
import Testing
import TestSupport
import VaultAPI
import VaultServer

/// The storage backends every server test runs on.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case memory, sqlite, postgres

    var testDescription: String { rawValue }

    /// The real PostgreSQL of `scripts/start-postgres` (CI sets it; locally it may be missing).
    static var postgresURL: String? { ProcessInfo.processInfo.environment["CASA_TEST_POSTGRES_URL"] }
    static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The backends available here: PostgreSQL only when its URL is set.
    static var available: [Backend] { postgresURL == nil ? [.memory, .sqlite] : allCases }

    func makeRepository() async throws -> any VaultRepository {
        switch self {
        case .memory:
            return MemoryVaultRepository()
        case .sqlite:
            return try SQLiteVaultRepository(directory: TemporaryDirectory.create(prefix: "casa-vault-test"))
        case .postgres:
            guard let url = Self.postgresURL else { throw ConformanceFailure("CASA_TEST_POSTGRES_URL is not set") }
            return try await PostgresVaultRepository(url: url, connections: 8, logger: Logger(label: "test"))
        }
    }
}

/// A server clock the test moves by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date()) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }
    func advance(seconds: Double) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    var vaultClock: VaultClock { VaultClock(now: { self.now }) }
}

/// The keys of one account, as a client would derive them (here: random).
struct Identity: Sendable {
    let owner: Ed25519.KeyPair
    let liveness: Ed25519.KeyPair
    let device: Ed25519.KeyPair

    init() throws {
        owner = try Ed25519.KeyPair.generate()
        liveness = try Ed25519.KeyPair.generate()
        device = try Ed25519.KeyPair.generate()
    }

    var account: AccountID {
        // SHA-256 is always 32 bytes.
        AccountID(bytes: SHA256.hash(AccountID.preimage(ownerKey: owner.publicKey)))!
    }

    /// The record the owner's enrollment creates: owner, liveness key, one device.
    func record(now: Int64 = Date().unixMilliseconds) -> AccountRecord {
        AccountRecord(
            id: account, ownerKey: owner.publicKey, livenessKey: liveness.publicKey, createdAt: now,
            devices: [DeviceRecord(key: device.publicKey, label: "test device", createdAt: now)])
    }
}
