public import CurlHTTP
import Foundation
import LightningTypes

/// Finds a local lnd by itself: `--lnddir` (default ~/.lnd), lnd.conf for the REST address,
/// TLS mode and network, then tls.cert and the macaroon under data/chain/bitcoin/<net>/.
public struct LNDDiscovery: Sendable {
    /// What the user gave explicitly; everything left nil is discovered.
    public struct Options: Sendable {
        public var lndDir: String?
        public var restURL: String?
        public var network: BitcoinNetwork?
        public var tlsCertPath: String?
        public var macaroonPath: String?
        public var proxy: SOCKSProxy?
        /// False for a fresh lnd, which has no macaroon until its wallet exists: connect without one
        /// (GetState, GenSeed, InitWallet and UnlockWallet need none).
        public var requireMacaroon: Bool
        /// False refuses a macaroon that can move funds (admin.macaroon, or one granting onchain or
        /// offchain write): the agent needs none of that and refuses it unless the owner opts in.
        public var allowAdminMacaroon: Bool

        public init(lndDir: String? = nil, restURL: String? = nil, network: BitcoinNetwork? = nil,
                    tlsCertPath: String? = nil, macaroonPath: String? = nil, proxy: SOCKSProxy? = nil,
                    requireMacaroon: Bool = true, allowAdminMacaroon: Bool = true) {
            self.requireMacaroon = requireMacaroon
            self.allowAdminMacaroon = allowAdminMacaroon
            self.lndDir = lndDir
            self.restURL = restURL
            self.network = network
            self.tlsCertPath = tlsCertPath
            self.macaroonPath = macaroonPath
            self.proxy = proxy
        }
    }

    /// The macaroon file casa looks for first: bake it with the command in docs/lnd-client.md.
    public static let preferredMacaroonName = "casa.macaroon"

    public let connection: LNDConnection
    public let network: BitcoinNetwork
    public let lndDir: String
    public let tlsCertPath: String?
    /// Empty when no macaroon was found and none was required.
    public let macaroonPath: String
    /// Things the operator must hear about (loudly), e.g. an admin macaroon.
    public let warnings: [String]

    public init(_ options: Options = Options(), home: String = ProcessInfo.processInfo.environment["HOME"] ?? "/root") throws(LNDError) {
        let lndDir = FileAccess.expand(options.lndDir ?? "~/.lnd", home: home)
        let confPath = lndDir + "/lnd.conf"
        let conf = FileManager.default.fileExists(atPath: confPath)
            ? LNDConfigFile(text: String(decoding: try FileAccess.read(confPath, what: "lnd.conf"), as: UTF8.self))
            : LNDConfigFile(text: "")
        var warnings: [String] = []

        let network: BitcoinNetwork
        if let explicit = options.network { network = explicit } else { network = try Self.network(from: conf) }
        let plainHTTP = conf.flag("no-rest-tls")
        let restURL: String
        if let explicit = options.restURL { restURL = explicit } else { restURL = try Self.restURL(from: conf, tls: !plainHTTP) }

        var tlsCertPath: String? = nil
        let security: TransportSecurity
        if restURL.lowercased().hasPrefix("http://") {
            security = .loopbackPlainHTTP
            warnings.append("lnd's REST interface is plain http (no-rest-tls): only acceptable on this machine")
        } else {
            let path = FileAccess.expand(options.tlsCertPath ?? conf.value("tlscertpath") ?? lndDir + "/tls.cert", home: home)
            security = .pinned(try Self.pin(certificatePath: path, encryptedKey: conf.flag("tlsencryptkey")))
            tlsCertPath = path
        }

        let dataDir = FileAccess.expand(conf.value("datadir") ?? lndDir + "/data", home: home)
        let macaroonDir = "\(dataDir)/chain/bitcoin/\(network.lndDirectoryName)"
        var macaroon: LNDMacaroon? = nil
        var macaroonPath = try Self.macaroonPath(options: options, conf: conf, directory: macaroonDir, home: home) ?? ""
        if !macaroonPath.isEmpty {
            let found = try LNDMacaroon(contentsOf: macaroonPath)
            if !options.allowAdminMacaroon, Self.canMoveFunds(found, path: macaroonPath) {
                let refusal = "refusing the macaroon \(macaroonPath): it can spend the node's funds and close its channels, and casa needs "
                    + "none of that. Bake the least-privilege macaroon of docs/lnd-client.md as \(macaroonDir)/\(Self.preferredMacaroonName), "
                    + "or set allow_admin_macaroon = true to accept the risk"
                guard options.macaroonPath == nil, !options.requireMacaroon else { throw .configuration(refusal) }
                // Found by discovery: go on without it (the state and unlock calls need none) and say why.
                warnings.append(refusal)
                macaroonPath = ""
            } else {
                warnings += Self.macaroonWarnings(found, path: macaroonPath)
                macaroon = found
            }
        }

        self.connection = LNDConnection(baseURL: restURL, security: security, macaroon: macaroon, proxy: options.proxy)
        self.network = network
        self.lndDir = lndDir
        self.tlsCertPath = tlsCertPath
        self.macaroonPath = macaroonPath
        self.warnings = warnings
    }

    /// The key of lnd's tls.cert. With `tlsencryptkey`, lnd serves a temporary certificate
    /// (written to `tls.cert.tmp`, its key only in memory) until the wallet is unlocked, then
    /// switches to tls.cert (lnd tls_manager.go:469-576, lnd.go:728): both keys are accepted, or
    /// the temporary one alone before lnd ever wrote tls.cert. Otherwise GetState and
    /// UnlockWallet, the calls made while locked, would fail ("certificate changed"), and sealed
    /// auto-unlock could never work (D6).
    static func pin(certificatePath path: String, encryptedKey: Bool) throws(LNDError) -> PinnedCertificate {
        func read(_ file: String) throws(LNDError) -> PinnedCertificate {
            let pem = try FileAccess.read(file, what: "lnd's \((file as NSString).lastPathComponent)")
            do { return try PinnedCertificate(pem: pem) } catch { throw .configuration("\(file): \(error.description)") }
        }
        let temporary = path + ".tmp"
        guard encryptedKey, FileManager.default.fileExists(atPath: temporary) else { return try read(path) }
        let ephemeral = try read(temporary)
        guard FileManager.default.fileExists(atPath: path) else { return ephemeral }
        return try read(path).alsoAccepting(ephemeral)
    }

    /// bitcoin.<net>=1 flags, or bitcoin.network=<net>; lnd defaults to mainnet.
    static func network(from conf: LNDConfigFile) throws(LNDError) -> BitcoinNetwork {
        if let name = conf.value("bitcoin.network") {
            let normalized = name.lowercased() == "testnet3" ? "testnet" : name.lowercased()
            guard let network = BitcoinNetwork(rawValue: normalized) else {
                throw .configuration("lnd.conf: unknown bitcoin.network=\(name)")
            }
            return network
        }
        let selected = BitcoinNetwork.allCases.filter { conf.flag("bitcoin.\($0.rawValue)") }
        guard selected.count <= 1 else {
            throw .configuration("lnd.conf selects several networks (\(selected.map(\.rawValue).joined(separator: ", "))); pass --network")
        }
        return selected.first ?? .mainnet
    }

    /// The first TCP restlisten, with wildcard hosts replaced by loopback; lnd's default is localhost:8080.
    static func restURL(from conf: LNDConfigFile, tls: Bool) throws(LNDError) -> String {
        let scheme = tls ? "https" : "http"
        guard let listen = conf.all("restlisten").first(where: { !$0.hasPrefix("unix") }) else {
            return "\(scheme)://127.0.0.1:8080"
        }
        var host: String
        var port = "8080"
        if listen.hasPrefix("[") {
            guard let close = listen.firstIndex(of: "]") else { throw .configuration("lnd.conf: cannot parse restlisten=\(listen)") }
            host = String(listen[listen.index(after: listen.startIndex)..<close])
            let rest = listen[listen.index(after: close)...]
            if rest.hasPrefix(":") { port = String(rest.dropFirst()) }
        } else if let colon = listen.lastIndex(of: ":") {
            host = String(listen[..<colon])
            port = String(listen[listen.index(after: colon)...])
        } else if Int(listen) != nil {
            host = ""
            port = listen
        } else {
            host = listen
        }
        guard let portNumber = Int(port), (1...65535).contains(portNumber) else {
            throw .configuration("lnd.conf: bad port in restlisten=\(listen)")
        }
        switch host {
        case "", "0.0.0.0", "localhost": host = "127.0.0.1"
        case "::": host = "::1"
        default: break
        }
        return "\(scheme)://\(host.contains(":") ? "[\(host)]" : host):\(portNumber)"
    }

    /// The macaroon to use; nil only when none exists and none is required (a fresh lnd).
    static func macaroonPath(options: Options, conf: LNDConfigFile, directory: String, home: String) throws(LNDError) -> String? {
        if let explicit = options.macaroonPath { return FileAccess.expand(explicit, home: home) }
        let preferred = "\(directory)/\(preferredMacaroonName)"
        if FileManager.default.fileExists(atPath: preferred) { return preferred }
        let admin = FileAccess.expand(conf.value("adminmacaroonpath") ?? "\(directory)/admin.macaroon", home: home)
        if FileManager.default.fileExists(atPath: admin) { return admin }
        if !options.requireMacaroon { return nil }
        throw .configuration("no macaroon found: looked for \(preferred) and \(admin); bake one as docs/lnd-client.md shows, or pass --macaroon")
    }

    /// admin.macaroon, or any macaroon granting onchain or offchain write (it can move funds).
    public static func canMoveFunds(_ macaroon: LNDMacaroon, path: String) -> Bool {
        if (path as NSString).lastPathComponent == "admin.macaroon" { return true }
        return macaroon.permissions?.contains { ["onchain", "offchain"].contains($0.entity) && $0.action == "write" } ?? false
    }

    /// Loud warnings for macaroons that can do more than casa needs.
    public static func macaroonWarnings(_ macaroon: LNDMacaroon, path: String) -> [String] {
        var warnings: [String] = []
        if path.hasSuffix("/admin.macaroon") || path == "admin.macaroon" {
            warnings.append("WARNING: using admin.macaroon (\(path)): it can spend all funds and close every channel. "
                + "casa needs far less: bake a least-privilege macaroon (docs/lnd-client.md) and save it as \(preferredMacaroonName)")
        }
        guard let permissions = macaroon.permissions else {
            warnings.append("cannot read the permissions of \(path) (not an lnd v2 macaroon?)")
            return warnings
        }
        let needed = Set(MacaroonPermission.agentURIs)
        let extraURIs = permissions.filter { $0.entity == "uri" && !needed.contains($0.action) }.map(\.action)
        let powerful = permissions.filter { $0.entity != "uri" && ($0.action == "write" || $0.action == "generate") }
        if !powerful.isEmpty {
            warnings.append("WARNING: the macaroon \(path) grants \(powerful.map(\.description).joined(separator: ", ")); "
                + "with these, a stolen agent credential can move funds or sign arbitrary data. Bake a uri:-scoped macaroon instead")
        } else if !extraURIs.isEmpty {
            warnings.append("the macaroon \(path) also allows \(extraURIs.joined(separator: ", ")), which the agent does not call")
        }
        return warnings
    }
}
