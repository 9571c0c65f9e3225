import Logging

/// lnd exits when its server cannot start (server.go:2619-2622): the simulated process does the
/// same to its REST listener; the control port stays, so a drill can apply the runbook's fix and
/// start it again (`lnd-sim start`).
extension SimulatedNode {
    public func setProcessExit(_ exit: @escaping @Sendable () async -> Void) {
        processExit = exit
    }

    /// Called once the wallet is unlocked (lnd then loads its permanent TLS certificate).
    public func setUnlockedHook(_ hook: @escaping @Sendable () async -> Void) {
        unlockedHook = hook
    }

    func exitOnStartFailure(_ failure: String) {
        logger.critical("\(failure)")
        startFailure = failure
        goDown()
        if let processExit { Task { await processExit() } }
    }

    /// A new start clears the last failure.
    func clearStartFailure() {
        startFailure = nil
    }
}
