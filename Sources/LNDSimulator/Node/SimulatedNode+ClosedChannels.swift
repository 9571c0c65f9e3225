/// ClosedChannels (`GET /v1/channels/closed`): every channel whose close lnd has fully resolved.
extension SimulatedNode {
    public struct ClosedFilter: Sendable {
        public var cooperative = false
        public var localForce = false
        public var remoteForce = false
        /// Breach, funding-canceled and abandoned closes: the simulator makes none of these.
        public var others = false
        public init() {}

        /// lnd lists every close type when no filter is set (rpcserver.go ClosedChannels).
        var isEmpty: Bool { !cooperative && !localForce && !remoteForce && !others }

        func admits(_ kind: SimulatedChannel.CloseKind) -> Bool {
            if isEmpty { return true }
            switch kind {
            case .cooperative: return cooperative
            case .localForce: return localForce
            case .remoteForce: return remoteForce
            }
        }
    }

    public func closedChannels(_ filter: ClosedFilter = ClosedFilter()) -> JSONValue {
        let closed = database.channels.filter { $0.phase == .closed && filter.admits($0.closeKind ?? .remoteForce) }
        return .object([("channels", .array(closed.map { ProtoJSON.closedChannel($0, network: configuration.network) }))])
    }
}
