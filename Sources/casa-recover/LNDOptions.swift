import ArgumentParser
import Recovery
import SeedKit
import LightningTypes

/// How to reach lnd: its folder (tls.cert, macaroons, lnd.conf) and network.
struct LNDOptions: ParsableArguments {
    @Option(help: ArgumentHelp("lnd's folder: tls.cert, lnd.conf and data/chain/bitcoin/<network>/*.macaroon are read from it.", valueName: "dir"))
    var lnddir: String = "~/.lnd"

    @Option(name: .customLong("rest"), help: ArgumentHelp("lnd's REST address (default: restlisten from lnd.conf, else 127.0.0.1:8080).", valueName: "host:port"))
    var restAddress: String?

    func connect(network: BitcoinNetwork) throws -> any RecoveryLND {
        try LNDConnector.connect(lndDir: lnddir, restAddress: restAddress, network: network)
    }
}
