import Foundation
public import Logging

/// After each saved snapshot: prune old local versions (never the last good one) and refresh
/// the optional second copy. Event-driven, no timer.
public struct Retention: Sendable {
    let store: any SnapshotStore
    let logger: Logger
    public let wake = Doorbell()

    public init(store: any SnapshotStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    public func run() async {
        while await wake.wait() {
            runOnce()
        }
    }

    public func runOnce() {
        store.mirror(at: Date())
        do {
            let removed = try store.applyRetention()
            if removed > 0 { logger.debug("retention removed \(removed) old local snapshots") }
        } catch {
            logger.warning("retention: \(error)")
        }
    }
}
