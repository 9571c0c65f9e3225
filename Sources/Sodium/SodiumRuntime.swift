internal import CSodium

/// Makes sure `sodium_init()` ran exactly once before any libsodium call.
///
/// libsodium documents `sodium_init` as idempotent and thread-safe; the lazy global
/// only avoids calling it on every operation.
enum SodiumRuntime {
    private static let initialized: Bool = {
        sodium_init() >= 0
    }()

    static func ensure() {
        precondition(initialized, "libsodium failed to initialise (sodium_init)")
    }
}
