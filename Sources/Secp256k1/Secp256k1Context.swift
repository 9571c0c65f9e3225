internal import CSecp256k1
internal import Sodium

/// The one shared libsecp256k1 context. After creation (and randomisation) a context is
/// only read, which libsecp256k1 documents as thread-safe.
final class Secp256k1Context: @unchecked Sendable {
    static let shared = Secp256k1Context()

    let raw: OpaquePointer

    private init() {
        raw = secp256k1_context_create(UInt32(SECP256K1_CONTEXT_SIGN | SECP256K1_CONTEXT_VERIFY))!
        let seed = Random.bytes(32)
        // Randomisation blinds signing and public-key computation against side channels.
        _ = secp256k1_context_randomize(raw, seed)
    }
}
