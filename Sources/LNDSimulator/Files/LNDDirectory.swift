import Foundation
import SeedKit
import LightningTypes

/// The directory layout lnd uses (docs/lnd.md §1.4, §3.1), which the agent discovers by itself:
/// `tls.cert`/`tls.key` and `lnd.conf` at the top, wallet, macaroons and `channel.backup` under
/// `data/chain/bitcoin/<net>/`, the channel database under `data/graph/<net>/`.
public struct LNDDirectory: Sendable {
    public let root: URL
    public let network: BitcoinNetwork

    public init(root: URL, network: BitcoinNetwork) {
        self.root = root.standardizedFileURL
        self.network = network
    }

    public var tlsCertificate: URL { root.appendingPathComponent("tls.cert") }
    public var tlsKey: URL { root.appendingPathComponent("tls.key") }
    /// With `tlsencryptkey`, the temporary certificate lnd serves until unlock (its key is never written).
    public var temporaryTLSCertificate: URL { root.appendingPathComponent("tls.cert.tmp") }
    public var configFile: URL { root.appendingPathComponent("lnd.conf") }
    public var chainDirectory: URL {
        root.appendingPathComponent("data/chain/bitcoin/\(network.lndDirectoryName)", isDirectory: true)
    }
    public var graphDirectory: URL {
        root.appendingPathComponent("data/graph/\(network.lndDirectoryName)", isDirectory: true)
    }
    public var adminMacaroon: URL { chainDirectory.appendingPathComponent("admin.macaroon") }
    public var readOnlyMacaroon: URL { chainDirectory.appendingPathComponent("readonly.macaroon") }
    public var invoiceMacaroon: URL { chainDirectory.appendingPathComponent("invoice.macaroon") }
    public var channelBackup: URL { chainDirectory.appendingPathComponent("channel.backup") }
    public var walletDatabase: URL { chainDirectory.appendingPathComponent("wallet.db") }
    public var macaroonDatabase: URL { chainDirectory.appendingPathComponent("macaroons.db") }
    public var channelDatabase: URL { graphDirectory.appendingPathComponent("channel.db") }
    /// Simulator-only state of the simulated outside world (peers, chain); lnd has no such file.
    public var worldFile: URL { root.appendingPathComponent("lnd-sim-world.json") }

    /// Creates the directories (0700) and, when missing, `lnd.conf` naming the REST listener.
    public func createLayout(restPort: Int) throws {
        for directory in [root, chainDirectory, graphDirectory] {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        if !FileManager.default.fileExists(atPath: configFile.path) {
            try PosixFile.writeAtomically(Array(configText(restPort: restPort).utf8), to: configFile, mode: 0o600)
        }
    }

    func configText(restPort: Int) -> String {
        let networkLine = network == .mainnet ? "bitcoin.mainnet=1" : "bitcoin.\(network.rawValue)=1"
        return """
            ; Written by lnd-sim, the lnd SIMULATOR used for casa's tests and demos. This is not lnd.
            [Application Options]
            alias=lnd-sim
            restlisten=127.0.0.1:\(restPort)
            rpclisten=127.0.0.1:10009
            listen=127.0.0.1:9735
            tlsextraip=127.0.0.1
            debuglevel=info

            [Bitcoin]
            bitcoin.active=1
            \(networkLine)
            bitcoin.node=bitcoind

            """
    }
}
