extension SimulatedNode {
    /// Breaks every open SubscribeChannelBackups and SubscribeState stream with `fault`; the REST
    /// layer writes the fault's bytes and drops the connection. Returns how many streams broke.
    public func injectStreamFault(_ fault: StreamFault) -> Int {
        let broken = streams.backups.count + streams.state.count
        for continuation in streams.backups.values { continuation.finish(throwing: fault) }
        for continuation in streams.state.values { continuation.finish(throwing: fault) }
        streams.backups = [:]
        streams.state = [:]
        return broken
    }
}
