import LocalStore

/// What `FaultInjectingFileSystem` does at a chosen operation index.
public enum InjectedFault: Sendable, Equatable {
    /// The operation does nothing and fails with `errno` (EIO, ENOSPC, ...).
    case fail(errno: Int32)
    /// A write stores only the first half of its bytes, then fails with `errno` (a short write on
    /// a full or failing disk). On any other operation it acts like `fail`.
    case cut(errno: Int32)
    /// The power goes off just before the operation: it and every later call fail until
    /// `restartAfterPowerLoss` decides what the disk kept.
    case powerLoss
}
