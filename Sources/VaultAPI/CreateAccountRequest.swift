/// `PUT /v1/accounts/{account}`, signed by the owner key whose commitment is `{account}`.
/// Creates the account (201) or, when it exists with the same owner, updates the liveness key (200).
public struct CreateAccountRequest: Codable, Sendable, Hashable {
    /// Hex Ed25519 public key whose signatures count as liveness heartbeats.
    public var livenessKey: String
    /// Optionally registers the first device in the same request (enrollment).
    public var device: DeviceRegistration?

    public init(livenessKey: String, device: DeviceRegistration? = nil) {
        self.livenessKey = livenessKey
        self.device = device
    }
}

/// A device key and a label for people (e.g. "raspberrypi in the hall"); at most 100 characters.
public struct DeviceRegistration: Codable, Sendable, Hashable {
    public static let maxLabelLength = 100

    /// Hex Ed25519 public key (64 digits).
    public var key: String
    public var label: String

    public init(key: String, label: String) {
        self.key = key
        self.label = label
    }
}

/// `PUT /v1/accounts/{account}/devices/{key}` body (owner only).
public struct RegisterDeviceRequest: Codable, Sendable, Hashable {
    public var label: String

    public init(label: String) { self.label = label }
}
