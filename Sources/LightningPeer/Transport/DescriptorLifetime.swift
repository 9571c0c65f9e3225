import Synchronization

/// When a socket's descriptor may be released. Any thread may close a socket while others are
/// inside calls on it; releasing the number then would let the kernel hand it to the next
/// socket, and a call still running would read that connection's bytes. Releasing it only in
/// deinit keeps every closed socket's number until its object goes, which leaked descriptors
/// where closed connections stay referenced. So: calls register (`enter`/`leave`), closing
/// shuts the socket down (waking them) and the descriptor is released by whoever is last out.
final class DescriptorLifetime: Sendable {
    let fd: Int32
    /// Bit 0: closed. The rest: calls in progress, times two.
    private let state = Atomic<Int>(0)
    private let released = Atomic<Bool>(false)
    private let release: @Sendable (Int32) -> Void

    init(_ fd: Int32, release: @escaping @Sendable (Int32) -> Void) {
        self.fd = fd
        self.release = release
    }

    var isClosed: Bool { state.load(ordering: .acquiring) & 1 == 1 }
    /// Whether the descriptor number went back to the kernel.
    var isReleased: Bool { released.load(ordering: .acquiring) }

    /// Registers a call; false once the socket is closed (the call must not touch `fd`).
    func enter() -> Bool {
        var current = state.load(ordering: .acquiring)
        while current & 1 == 0 {
            let (exchanged, original) = state.compareExchange(expected: current, desired: current + 2, ordering: .acquiringAndReleasing)
            if exchanged { return true }
            current = original
        }
        return false
    }

    /// Ends a call; the last one out of a closed socket releases the descriptor.
    func leave() {
        if state.subtract(2, ordering: .acquiringAndReleasing).newValue == 1 { releaseOnce() }
    }

    /// Closes once: `shutdown` runs while the descriptor is still ours (it wakes blocked calls);
    /// the descriptor goes now, or when the last call in progress leaves.
    func close(shutdown: (Int32) -> Void) {
        guard enter() else { return }
        if state.bitwiseOr(1, ordering: .acquiringAndReleasing).oldValue & 1 == 0 { shutdown(fd) }
        leave()
    }

    private func releaseOnce() {
        guard !released.exchange(true, ordering: .acquiringAndReleasing) else { return }
        release(fd)
    }

    deinit {
        releaseOnce()
    }
}
