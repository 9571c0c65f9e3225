import Foundation
import LightningTypes

/// Bounded looks at lnd's SubscribeState stream (lnd sends the current state first).
struct WalletStateProbe: Sendable {
    let lnd: any LNDNode

    /// The current state, or nil when lnd does not answer within `timeout`.
    func current(timeout: Duration) async throws -> WalletState? {
        try await first(timeout: timeout) { _ in true }
    }

    /// Waits until lnd accepts backup calls (RPC_ACTIVE or SERVER_ACTIVE); false after `timeout`.
    func waitUntilActive(timeout: Duration) async throws -> Bool {
        try await first(timeout: timeout) { $0.acceptsRPCs } != nil
    }

    private func first(timeout: Duration, where matches: @escaping @Sendable (WalletState) -> Bool) async throws -> WalletState? {
        let lnd = lnd
        return try await withThrowingTaskGroup(of: WalletState?.self) { group in
            group.addTask {
                for try await state in lnd.walletStates() where matches(state) { return state }
                return nil
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
    }
}
