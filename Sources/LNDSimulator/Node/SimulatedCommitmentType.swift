import BackupCore

/// The channel types a simulated channel can have: one per SCB Single version (docs/lnd.md §1.3),
/// with the `CommitmentType` name lnd's RPCs print for it.
public enum SimulatedCommitmentType: String, Sendable, Codable, CaseIterable {
    case legacy
    case staticRemoteKey = "static-remote-key"
    case anchors
    case anchorsZeroFeeHTLC = "anchors-zero-fee-htlc"
    case scriptEnforcedLease = "script-enforced-lease"
    case simpleTaproot = "simple-taproot"
    case taprootOverlay = "taproot-overlay"
    case taproot

    public var singleVersion: SingleBackupVersion {
        switch self {
        case .legacy: return .legacy
        case .staticRemoteKey: return .tweakless
        case .anchors: return .anchors
        case .anchorsZeroFeeHTLC: return .anchorsZeroFeeHTLC
        case .scriptEnforcedLease: return .scriptEnforcedLease
        case .simpleTaproot: return .simpleTaproot
        case .taprootOverlay: return .tapscriptRoot
        case .taproot: return .simpleTaprootFinal
        }
    }

    public init(singleVersion: SingleBackupVersion) {
        self = SimulatedCommitmentType.allCases.first { $0.singleVersion == singleVersion } ?? .legacy
    }

    /// `lnrpc.CommitmentType` as protojson prints it (value 7 has the alias SIMPLE_TAPROOT_FINAL;
    /// the first declared name, TAPROOT, is printed).
    public var rpcName: String {
        switch self {
        case .legacy: return "LEGACY"
        case .staticRemoteKey: return "STATIC_REMOTE_KEY"
        case .anchors, .anchorsZeroFeeHTLC: return "ANCHORS"
        case .scriptEnforcedLease: return "SCRIPT_ENFORCED_LEASE"
        case .simpleTaproot: return "SIMPLE_TAPROOT"
        case .taprootOverlay: return "SIMPLE_TAPROOT_OVERLAY"
        case .taproot: return "TAPROOT"
        }
    }

    var isTaproot: Bool { singleVersion.isTaproot }
}
