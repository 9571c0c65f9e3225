import Recovery
import SeedKit

/// Connects to lnd's REST API from its folder. The HTTP client (`LNDClient`) is wired here.
enum LNDConnector {
    static func connect(lndDir: String, restAddress: String?, network: BitcoinNetwork) throws -> any RecoveryLND {
        throw RecoveryError.lndUnavailable("this build of casa-recover has no lnd client yet (\(lndDir))")
    }
}
