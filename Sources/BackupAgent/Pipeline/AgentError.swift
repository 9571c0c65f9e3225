/// Everything the agent reports, with what to do about it.
public enum AgentError: Error, Sendable, CustomStringConvertible, Equatable {
    case unreadableMulti(String)
    case notEnrolled(String)
    case lndUnavailable(String)
    case vaultRejected(String)
    case configuration(String)
    case wrongWords(expected: String, derived: String)
    case differentNode(enrolled: String, now: String)
    case timedOut(String)
    case io(String)

    public var description: String {
        switch self {
        case .unreadableMulti(let why):
            "lnd's channel backup could not be opened with its SCB key (\(why)); nothing was stored, the last good backup is kept"
        case .notEnrolled(let what):
            "this device is not enrolled (\(what)): run `casa-backupd enroll` first"
        case .lndUnavailable(let why):
            "lnd is not reachable or not unlocked (\(why)): check that lnd runs and is unlocked, and the --lnddir/macaroon settings"
        case .vaultRejected(let why):
            "the vault refused the request: \(why)"
        case .configuration(let why):
            "configuration error: \(why)"
        case .wrongWords(let expected, let derived):
            "these 24 words belong to another node: they give node key \(derived), but lnd's identity is \(expected); nothing was changed"
        case .differentNode(let enrolled, let now):
            "lnd is now another node (identity \(now)) than the one this device was enrolled for (\(enrolled)): "
                + "nothing of the new node is backed up, and the stored backups of the old node are kept. "
                + "If the wallet was replaced on purpose, run `casa-backupd enroll` with the new node's 24 words; "
                + "if not, point the agent back at the enrolled lnd"
        case .timedOut(let what):
            "timed out: \(what)"
        case .io(let why):
            why
        }
    }
}
