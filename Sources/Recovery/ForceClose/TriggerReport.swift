import CommandLineSupport
import Foundation
import LightningPeer

/// What `trigger-force-close` found, per channel. `--json` prints exactly one object,
/// `{"channels":[ChannelTriggerReport...]}` with snake_case keys (docs/recover-cli.md).
public struct TriggerReport: Codable, Sendable {
    public var channels: [ChannelTriggerReport]

    public init(channels: [ChannelTriggerReport]) {
        self.channels = channels
    }

    /// Outcomes that show the peer acted on our messages (or the close is already seen).
    public static let reacted: Set<ChannelTriggerReport.Outcome> = [.forceCloseConfirmed, .errorReceived, .warningReceived, .disconnected]

    /// Channels whose peer was silent, unreachable or failed: the command should be run again later.
    public var unanswered: [ChannelTriggerReport] { channels.filter { !Self.reacted.contains($0.outcome) } }

    /// 0 when every peer reacted, 75 ("not finished, run again later") otherwise.
    public var exitStatus: ExitStatus { unanswered.isEmpty ? .success : .incomplete }

    public func json() throws -> String {
        try Self.render(self)
    }

    enum CodingKeys: String, CodingKey {
        case channels
    }

    /// Each channel with its `advice` (the words live in Recovery, not in LightningPeer's report).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(channels.map(AdvisedChannel.init), forKey: .channels)
    }

    private struct AdvisedChannel: Encodable {
        let report: ChannelTriggerReport

        enum CodingKeys: String, CodingKey {
            case advice
        }

        func encode(to encoder: any Encoder) throws {
            try report.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(report.advice, forKey: .advice)
        }
    }

    /// One line, sorted snake_case keys: the form of every trigger JSON output.
    static func render(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
