/// The phase names `casa-recover restore --timings` reports (docs/recover-cli.md, "Timings and reading depth").
public enum PhaseName {
    public static let keyDerivation = "key derivation"
    public static let vaultFetch = "vault fetch"
    public static let folderRead = "folder read"
    public static let decrypt = "decrypt"
    public static let writeBackup = "write channel.backup"
    /// GetState, InitWallet or UnlockWallet, waiting for SERVER_ACTIVE, GetInfo.
    public static let lndStartup = "lnd wallet and start-up"
    /// ListChannels, graph look-ups for Singles without a usable address, RestoreChannelBackups.
    public static let lndRestore = "lnd restore calls"
    public static let sealSingles = "seal singles for lnd"
    public static let followThrough = "follow-through"

    static func fetch(_ source: any SnapshotSource) -> String {
        source is VaultSnapshotSource ? vaultFetch : folderRead
    }
}
