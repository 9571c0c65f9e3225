import Recovery
import SeedKit
import LightningTypes

/// Connects to lnd's REST API from its folder (tls.cert, lnd.conf, macaroons) or `--rest`.
enum LNDConnector {
    static func connect(lndDir: String, restAddress: String?, network: BitcoinNetwork) throws -> any RecoveryLND {
        let url = restAddress.map { $0.contains("://") ? $0 : "https://" + $0 }
        return try LNDClientAdapter(lndDir: lndDir, restURL: url, network: network)
    }
}
