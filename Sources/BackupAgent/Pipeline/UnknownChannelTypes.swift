/// The loud words for lnd backups holding Singles of a version this code does not know: one
/// text for `status`, the log and the metrics' help, so the three say the same thing.
public enum UnknownChannelTypes {
    /// nil when every channel's version is known.
    public static func warning(_ versions: [UInt8]) -> String? {
        guard !versions.isEmpty else { return nil }
        let names = Set(versions).sorted().map { "v\($0)" }.joined(separator: ", ")
        let count = versions.count == 1 ? "1 channel uses" : "\(versions.count) channels use"
        return "\(count) a channel type this casa does not know (Single \(names)): lnd's backup is stored and "
            + "uploaded as lnd wrote it and restores with this lnd, but casa cannot check those channels; update casa"
    }
}
