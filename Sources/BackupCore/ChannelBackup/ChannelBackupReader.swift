import Codecs

/// The cursor SCB parsing reads with: a cut-off field is a `ChannelBackupError`.
public typealias ChannelBackupReader = ByteReader<ChannelBackupError>

extension ChannelBackupError: ByteReadFailure {
    public static func truncated(context: String, what: String, offset: Int, needed: Int, available: Int) -> ChannelBackupError {
        .truncated(what: what, offset: offset, needed: needed, available: available)
    }

    public static func nonCanonicalCompactSize(context: String, what: String, offset: Int) -> ChannelBackupError {
        .nonCanonicalCompactSize(what: what, offset: offset)
    }
}
