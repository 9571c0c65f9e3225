/// A control request the running simulator refused, or a simulator that cannot be found.
public struct SimulatorControlError: Error, CustomStringConvertible, Sendable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "lnd-sim: \(message)" }
}
