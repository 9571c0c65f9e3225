import Foundation

/// How one `casa-backupd doctor` check came out.
public enum DoctorStatus: String, Codable, Sendable, Comparable {
    case ok, warn, fail

    var rank: Int {
        switch self {
        case .ok: 0
        case .warn: 1
        case .fail: 2
        }
    }

    public static func < (a: DoctorStatus, b: DoctorStatus) -> Bool { a.rank < b.rank }
}

/// One line of `casa-backupd doctor`: what was checked, how it came out, and for a warning or a
/// failure what to do about it. Never holds a secret (no macaroon, key or password bytes).
public struct DoctorResult: Codable, Sendable, Equatable {
    public var name: String
    public var status: DoctorStatus
    public var detail: String
    /// What to do; nil when the check passed.
    public var fix: String?

    public init(name: String, status: DoctorStatus, detail: String, fix: String? = nil) {
        self.name = name
        self.status = status
        self.detail = detail
        self.fix = fix
    }

    public static func ok(_ name: String, _ detail: String) -> DoctorResult { DoctorResult(name: name, status: .ok, detail: detail) }
    public static func warn(_ name: String, _ detail: String, fix: String) -> DoctorResult {
        DoctorResult(name: name, status: .warn, detail: detail, fix: fix)
    }
    public static func fail(_ name: String, _ detail: String, fix: String) -> DoctorResult {
        DoctorResult(name: name, status: .fail, detail: detail, fix: fix)
    }

    /// `fix` is always present in the JSON (null when the check passed).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(status, forKey: .status)
        try container.encode(detail, forKey: .detail)
        try container.encode(fix, forKey: .fix)
    }

    /// One line for people: `ok   lnd: …`, and for a problem `      fix: …` under it.
    public var text: String {
        let label = status.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0)
        return "\(label)\(name): \(detail)" + (fix.map { "\n     fix: \($0)" } ?? "")
    }
}

/// One check of `casa-backupd doctor` (each in its own type, so each can be tested alone).
public protocol DoctorCheck: Sendable {
    /// The stable name in the output (`lnd`, `macaroon`, `vault`, …).
    var name: String { get }
    func run() async -> DoctorResult
}
