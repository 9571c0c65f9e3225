/// A channel as the simulated node's channel database holds it.
public struct SimulatedChannel: Codable, Sendable, Equatable {
    public enum Phase: String, Codable, Sendable {
        /// Funding broadcast, not yet confirmed.
        case pendingOpen
        case open
        /// A closing transaction was broadcast (or, for a restored shell, is awaited from the peer).
        case waitingClose
        /// Our own force close confirmed; our output is still time-locked.
        case pendingForceClose
        case closed
    }

    public enum CloseKind: String, Codable, Sendable {
        case localForce, remoteForce, cooperative
    }

    public var fundingTxid: String
    public var outputIndex: UInt32
    public var shortChannelID: UInt64
    public var remotePubkey: String
    public var capacity: Int64
    public var localBalance: Int64
    public var remoteBalance: Int64
    public var commitmentType: SimulatedCommitmentType
    public var initiator: Bool
    public var isPrivate: Bool
    public var localCSVDelay: UInt16
    public var remoteCSVDelay: UInt16
    /// Index of our five base keys (families 0–4) and of the shachain root (family 5).
    public var keyIndex: UInt32
    /// Remote multisig, revocation, payment, delay and htlc base points (hex).
    public var remoteKeys: [String]
    public var leaseExpiry: UInt32
    /// Whether this node writes CloseTxInputs into the channel's Single (lnd 0.19 and later).
    public var includesCloseTxInputs: Bool
    public var commitHeight: UInt64
    public var broadcastHeight: UInt32
    public var phase: Phase
    public var closeKind: CloseKind?
    public var closingTxid: String?
    public var closeConfirmHeight: UInt32?
    /// A shell inserted by RestoreChannelBackups (ChanStatusRestored).
    public var isRestored: Bool
    /// Whether the restored shell already sent its data-loss channel_reestablish.
    public var reestablishSent: Bool

    public var channelPoint: String { "\(fundingTxid):\(outputIndex)" }

    /// In lnd's open-channel bucket, which `FetchAllChannels` (and so every backup snapshot) reads.
    var isInOpenBucket: Bool { phase == .pendingOpen || phase == .open || phase == .waitingClose }

    /// lnd's `chan_status_flags` string.
    var statusFlags: String {
        if isRestored { return "ChanStatusRestored" }
        switch phase {
        case .pendingOpen, .open: return "ChanStatusDefault"
        case .waitingClose, .pendingForceClose, .closed:
            switch closeKind {
            case .localForce: return "ChanStatusCommitBroadcasted|ChanStatusLocalCloseInitiator"
            case .remoteForce: return "ChanStatusCommitBroadcasted|ChanStatusRemoteCloseInitiator"
            case .cooperative: return "ChanStatusCoopBroadcasted|ChanStatusLocalCloseInitiator"
            case nil: return "ChanStatusDefault"
            }
        }
    }
}
