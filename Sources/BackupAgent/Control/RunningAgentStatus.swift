import Foundation

/// The running agent's status from its control port, if it answers (`doctor`, `unlock status`).
public enum RunningAgentStatus {
    public static func fetch(_ configuration: AgentConfiguration) -> StatusReport? {
        guard configuration.metricsPort != 0,
              let answer = try? ControlClient.request("GET", "/status", port: configuration.metricsPort, timeoutSeconds: 3),
              answer.status == 200
        else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(StatusReport.self, from: Data(answer.body.utf8))
    }
}
