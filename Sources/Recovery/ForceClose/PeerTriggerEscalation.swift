import BackupCore
import LightningPeer
import LightningWire
import Secp256k1

/// Escalation through `LightningPeer.ForceCloseTrigger`: connects to the peer as our node
/// (identity key from the words) and asks it to force-close (docs/force-close.md).
public struct PeerTriggerEscalation: ForceCloseEscalation {
    let trigger: ForceCloseTrigger

    public init(nodeKey: PrivateKey, options: ForceCloseTrigger.Options = ForceCloseTrigger.Options()) {
        trigger = ForceCloseTrigger(nodeKey: nodeKey, options: options)
    }

    public func escalate(_ channel: SingleBackup, addresses: [String]) async -> EscalationResult {
        let request: ForceCloseRequest
        do {
            request = try TriggerTargets.request(for: channel, addresses: addresses.compactMap { try? PeerAddress(parsing: $0) })
        } catch {
            return EscalationResult(requested: false, outcome: "failed", advice: "cannot build the request: \(error)")
        }
        guard let report = await trigger.run([request]).first else {
            return EscalationResult(requested: false, outcome: "failed", advice: "the trigger returned no report")
        }
        let requested: Set<ChannelTriggerReport.Outcome> = [.forceCloseConfirmed, .errorReceived, .disconnected]
        return EscalationResult(requested: requested.contains(report.outcome), outcome: report.outcome.rawValue, advice: report.advice)
    }
}
