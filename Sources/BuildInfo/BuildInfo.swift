/// What every program prints for `--version`: one number for the whole package, so the agent,
/// the vault, the recovery tool and the simulator of one build always say the same.
public enum BuildInfo {
    public static let version = "0.1.0"
}
