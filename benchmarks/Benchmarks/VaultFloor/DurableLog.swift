#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import NIOCore
import NIOPosix
import Synchronization

/// The least a durable store can do (the durable floor, `vault-floor PORT --durable FILE`): append
/// each accepted body to one file and answer after a `fdatasync` that covers it, with concurrent
/// appends sharing one write and one `fdatasync` (group commit on one dispatch queue). No index,
/// no rows, no transaction: any real store does at least this per upload. Waiters are answered
/// with one hop per event loop, as the vault's GroupCommit does, not one wake-up each.
final class DurableLog: Sendable {
    private struct State: ~Copyable {
        var pending: [(bytes: [UInt8], done: CheckedContinuation<Void, Never>, loop: (any EventLoop)?)] = []
        var draining = false
    }

    private let fd: Int32
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "vault-floor.durable")

    init?(path: String) {
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        if fd < 0 { return nil }
    }

    func append(_ bytes: [UInt8]) async {
        await withCheckedContinuation { done in
            let start = state.withLock { state in
                state.pending.append((bytes, done, MultiThreadedEventLoopGroup.currentEventLoop))
                defer { state.draining = true }
                return !state.draining
            }
            if start { queue.async { self.drain() } }
        }
    }

    private func drain() {
        while true {
            let batch = state.withLock { state in
                defer { state.pending = [] }
                if state.pending.isEmpty { state.draining = false }
                return state.pending
            }
            if batch.isEmpty { return }
            var joined: [UInt8] = []
            joined.reserveCapacity(batch.reduce(0) { $0 + $1.bytes.count })
            for entry in batch { joined += entry.bytes }
            let written = joined.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            precondition(written == joined.count && fdatasync(fd) == 0, "durable floor: write or fdatasync failed")
            var byLoop: [ObjectIdentifier: (loop: any EventLoop, waiters: [CheckedContinuation<Void, Never>])] = [:]
            for entry in batch {
                guard let loop = entry.loop else { entry.done.resume(); continue }
                byLoop[ObjectIdentifier(loop), default: (loop, [])].waiters.append(entry.done)
            }
            for (loop, waiters) in byLoop.values { loop.execute { for waiter in waiters { waiter.resume() } } }
        }
    }
}
