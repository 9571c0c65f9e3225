import BackupCore
import Foundation

/// `casa-recover inspect --json`: exactly one object,
/// `{"kind":"multi"|"single","channels":[ChannelSummary...]}` (docs/recover-cli.md).
public struct InspectReport: Codable, Sendable {
    public var kind: BackupKind
    public var channels: [ChannelSummary]

    public init(_ inspection: BackupInspection) {
        kind = inspection.kind
        channels = inspection.summaries
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
