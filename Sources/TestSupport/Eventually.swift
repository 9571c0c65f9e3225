/// Waits (bounded by `limit`) until `condition` holds, checking every `interval`; returns whether
/// it did. A poll: only for state that offers no event to await (say which at the call site).
public func eventually(
    limit: Duration = .seconds(60), every interval: Duration = .milliseconds(10), _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: interval)
    }
    return try await condition()
}
