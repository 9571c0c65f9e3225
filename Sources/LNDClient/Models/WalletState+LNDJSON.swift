import LightningTypes

/// protojson writes the state by name, and accepts numbers too.
extension WalletState: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = WalletState(number: number) ?? .unrecognized(String(number))
        } else {
            self = WalletState(name: try container.decode(String.self))
        }
    }
}

/// GetStateResponse / SubscribeStateResponse.
struct WalletStateMessage: Decodable, Sendable {
    let state: WalletState

    enum CodingKeys: String, CodingKey { case state }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        state = try c.decodeIfPresent(WalletState.self, forKey: .state) ?? .nonExisting
    }
}
