import Foundation
import SeedKit
import Sodium
import LightningTypes

/// How to run the simulator. lnd-sim is a test and demo tool, never a real node.
public struct SimulatorConfiguration: Sendable {
    public var lndDirectory: URL
    public var network: BitcoinNetwork
    /// REST (HTTPS) port on 127.0.0.1; 0 picks a free port.
    public var restPort: Int
    /// Control (plain HTTP) port on 127.0.0.1; 0 picks a free port, nil disables it.
    public var adminPort: Int?
    /// When set, the wallet is unlocked with it at every start (lnd's wallet-unlock-password-file).
    public var autoUnlockPassword: SecureBytes?
    /// When set and no wallet exists, the wallet is created from these words at start.
    public var seedWords: [String]?
    public var aezeedPassphrase: [UInt8]
    /// Pause between the start-up states UNLOCKED → RPC_ACTIVE → SERVER_ACTIVE.
    public var startupStepDelay: Duration
    /// The simulated clock of the wallet's catch-up with the chain in RPC_ACTIVE (D8): blocks
    /// scanned per second. 0: only `lnd-sim sync N` advances it.
    public var syncBlocksPerSecond: Double
    public var alias: String

    public init(
        lndDirectory: URL, network: BitcoinNetwork = .regtest, restPort: Int = 0, adminPort: Int? = 0,
        autoUnlockPassword: SecureBytes? = nil, seedWords: [String]? = nil, aezeedPassphrase: [UInt8] = [],
        startupStepDelay: Duration = .milliseconds(50), syncBlocksPerSecond: Double = 20, alias: String = "lnd-sim"
    ) {
        self.syncBlocksPerSecond = syncBlocksPerSecond
        self.lndDirectory = lndDirectory
        self.network = network
        self.restPort = restPort
        self.adminPort = adminPort
        self.autoUnlockPassword = autoUnlockPassword
        self.seedWords = seedWords
        self.aezeedPassphrase = aezeedPassphrase
        self.startupStepDelay = startupStepDelay
        self.alias = alias
    }
}
