/// A proto enum kept as its name (CommitmentType, Initiator, ...): new lnd versions add values,
/// and a backup tool must not fail on one it does not know.
public struct ProtoEnumName: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    /// CommitmentType names by number (lnrpc v0.21; 7 prints as its first-declared name, TAPROOT).
    static let commitmentTypes: [Int: String] = [
        0: "UNKNOWN_COMMITMENT_TYPE", 1: "LEGACY", 2: "STATIC_REMOTE_KEY", 3: "ANCHORS",
        4: "SCRIPT_ENFORCED_LEASE", 5: "SIMPLE_TAPROOT", 6: "SIMPLE_TAPROOT_OVERLAY", 7: "TAPROOT",
    ]
    static let initiators: [Int: String] = [0: "INITIATOR_UNKNOWN", 1: "INITIATOR_LOCAL", 2: "INITIATOR_REMOTE", 3: "INITIATOR_BOTH"]
}

extension KeyedDecodingContainer {
    /// Decodes an enum field given by name or by number (protojson accepts both), using `table` for numbers.
    func lndEnum(_ key: Key, table: [Int: String]) throws -> ProtoEnumName {
        guard contains(key), try !decodeNil(forKey: key) else { return ProtoEnumName(rawValue: table[0] ?? "0") }
        if let number = try? decode(Int.self, forKey: key) {
            return ProtoEnumName(rawValue: table[number] ?? String(number))
        }
        return ProtoEnumName(rawValue: try decode(String.self, forKey: key))
    }
}
