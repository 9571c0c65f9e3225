public import Foundation
import LightningTypes

/// Where lnd writes `channel.backup`, as lnd decides it (config.go:1516-1519, 1548-1569):
/// `backupfilepath=` if lnd.conf sets it, else `<datadir>/chain/bitcoin/<network>/channel.backup`
/// with `datadir=` from lnd.conf or `<lnddir>/data`. `~` is expanded as lnd does.
public enum LNDBackupFileLocation {
    public static func path(lndDir: String, network: BitcoinNetwork, home: String = ProcessInfo.processInfo.environment["HOME"] ?? "/root") -> String {
        let lndDir = FileAccess.expand(lndDir, home: home)
        let conf = FileManager.default.contents(atPath: lndDir + "/lnd.conf")
            .map { LNDConfigFile(text: String(decoding: $0, as: UTF8.self)) } ?? LNDConfigFile(text: "")
        if let explicit = conf.value("backupfilepath"), !explicit.isEmpty {
            return FileAccess.expand(explicit, home: home)
        }
        let dataDir = FileAccess.expand(conf.value("datadir") ?? lndDir + "/data", home: home)
        return "\(dataDir)/chain/bitcoin/\(network.lndDirectoryName)/channel.backup"
    }
}
