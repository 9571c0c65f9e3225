public import Foundation
import Synchronization

/// The vault response key a client trusts (docs/vault-api.md "Signed responses"). Given the
/// key recorded at enrollment, every 2xx answer to a signed request must carry a valid
/// `Casa-Response-Signature` by it. Without one (a device enrolled before answers were signed,
/// or enrolling now), the client asks `GET /v1/vault-key` once, trusts that answer, hands it to
/// `record` (to keep it), and checks every answer from then on.
public final class VaultResponseKeyPin: Sendable {
    private let key: Mutex<[UInt8]?>
    private let record: @Sendable ([UInt8]) throws -> Void

    public init(key: [UInt8]?, record: @escaping @Sendable ([UInt8]) throws -> Void = { _ in }) {
        self.key = Mutex(key)
        self.record = record
    }

    /// The key trusted so far (nil until it is recorded).
    public var trustedKey: [UInt8]? { key.withLock { $0 } }

    /// The trusted key, learning it with `fetch` (and recording it) the first time.
    func key(learningWith fetch: () async throws -> [UInt8]) async throws -> [UInt8] {
        if let known = trustedKey { return known }
        let learned = try await fetch()
        if let known = trustedKey { return known }  // Another call learned it meanwhile.
        // Recorded before it is trusted: a key that could not be kept is asked for again next time.
        try record(learned)
        return key.withLock { current in
            if current == nil { current = learned }
            return current ?? learned
        }
    }
}
