import Foundation
import Hummingbird
import HummingbirdTLS
import Logging

/// lnd-sim: a simulated lnd for casa's tests and demos (NOT lnd). It serves lnd's REST API over
/// TLS on loopback from an lnd-style directory, and a plain-HTTP control API for drills.
public actor Simulator {
    nonisolated public let node: SimulatedNode
    nonisolated public let configuration: SimulatorConfiguration
    private var rest: HTTPServerHandle?
    private var admin: HTTPServerHandle?
    private var boundRESTPort: Int?
    private let logger: Logger

    public init(configuration: SimulatorConfiguration) throws {
        self.configuration = configuration
        try FileManager.default.createDirectory(at: configuration.lndDirectory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        self.node = try SimulatedNode(configuration: configuration)
        var logger = Logger(label: "lnd-sim.http")
        logger.logLevel = .warning
        self.logger = logger
    }

    public var restPort: Int? { rest?.port ?? boundRESTPort }
    public var adminPort: Int? { admin?.port }
    nonisolated public var directory: LNDDirectory { node.directory }

    /// Creates the lnd directory layout and TLS pair if missing, starts REST and control servers.
    public func start() async throws {
        await node.setProcessExit { [weak self] in await self?.stopREST() }
        await node.startPeerListeners()
        try await startREST()
        if let adminPort = configuration.adminPort, admin == nil {
            let control = ControlDispatcher(simulator: self)
            admin = try await HTTPServerHandle.start(port: adminPort, tls: nil, logger: logger) { request in
                await control.respond(to: request)
            }
        }
        recordAdminPort()
    }

    /// `lnd-sim <subcommand> --lnddir DIR` finds the control port in this file.
    private func recordAdminPort() {
        guard let port = admin?.port else { return }
        try? PosixFile.writeAtomically(Array("\(port)\n".utf8), to: node.directory.root.appendingPathComponent("lnd-sim-admin-port"))
    }

    /// The REST listener comes up like a starting lnd: LOCKED (or NON_EXISTING), then auto-unlock.
    public func startREST() async throws {
        guard rest == nil else { return }
        let directory = node.directory
        try FileManager.default.createDirectory(at: directory.root, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        if !PosixFile.exists(directory.tlsCertificate) || !PosixFile.exists(directory.tlsKey) {
            try TLSCertificateGenerator.generate(certificate: directory.tlsCertificate, key: directory.tlsKey)
        }
        let tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(directory.tlsCertificate.path).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: directory.tlsKey.path, format: .pem)))
        let port = boundRESTPort ?? (configuration.restPort != 0 ? configuration.restPort : Simulator.configuredPort(directory) ?? 0)
        let dispatcher = RESTDispatcher(node: node)
        let logger = logger
        let handle = try await Self.listen(port: port, retrying: boundRESTPort != nil) { port in
            try await HTTPServerHandle.start(port: port, tls: tls, logger: logger) { request in
                await dispatcher.respond(to: request)
            }
        }
        rest = handle
        boundRESTPort = handle.port
        try directory.createLayout(restPort: handle.port)
        await node.clearStartFailure()
        await node.comeUp()
    }

    /// Binds `port`; a restart re-binds the port it had, which a client socket may hold for a
    /// moment (the simulator's first port is an ephemeral one, shared with outgoing connections):
    /// then it tries again for up to 5 s before giving up with the bind error.
    private static func listen(
        port: Int, retrying: Bool, start: (Int) async throws -> HTTPServerHandle
    ) async throws -> HTTPServerHandle {
        for _ in 0..<50 {
            do {
                return try await start(port)
            } catch let failure as HTTPServerHandle.StartFailure where retrying && failure.addressInUse {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        return try await start(port)
    }

    /// The simulated lnd process exits: streams cut, listener closed, keys forgotten.
    public func stopREST() async {
        await node.goDown()
        await rest?.stop()
        rest = nil
    }

    /// A restart (the process stays up; the REST server goes down and comes back LOCKED).
    public func restart() async throws {
        await stopREST()
        try await startREST()
    }

    /// Locks the wallet: a restart that ignores the password file, so it waits in LOCKED.
    public func lock() async throws {
        await stopREST()
        await node.suppressAutoUnlockOnce()
        try await startREST()
    }

    public enum DataTarget: String, Sendable, CaseIterable {
        case channelBackup = "channel.backup"
        case walletDatabase = "wallet.db"
        case channelDatabase = "channel.db"
        case tls = "tls"
        case macaroons = "macaroons"
        case all = "all"
    }

    /// Corrupts a file in place (one byte flipped in the middle), as disk damage would.
    public func corrupt(_ target: DataTarget) async throws -> String {
        let directory = node.directory
        let url: URL
        switch target {
        case .channelBackup: url = directory.channelBackup
        case .walletDatabase: url = directory.walletDatabase
        case .channelDatabase: url = directory.channelDatabase
        case .tls: url = directory.tlsCertificate
        case .macaroons: url = directory.adminMacaroon
        case .all: throw SimulatedNode.ControlError("corrupt needs one file: channel.backup, wallet.db, channel.db, tls or macaroons")
        }
        guard var bytes = PosixFile.read(url), !bytes.isEmpty else { throw SimulatedNode.ControlError("\(url.path) does not exist") }
        bytes[bytes.count / 2] ^= 0x5a
        try PosixFile.writeAndSync(bytes, to: url, mode: 0o600)
        return url.path
    }

    /// Deletes data. `all` wipes the whole lnd directory and restarts (a new TLS certificate, no
    /// wallet: NON_EXISTING); `tls` deletes the certificate pair and restarts (cert rotation).
    public func delete(_ target: DataTarget) async throws -> String {
        let directory = node.directory
        switch target {
        case .channelBackup:
            try FileManager.default.removeItem(at: directory.channelBackup)
            return directory.channelBackup.path
        case .walletDatabase, .channelDatabase, .macaroons:
            await stopREST()
            let urls = target == .walletDatabase ? [directory.walletDatabase]
                : target == .channelDatabase ? [directory.channelDatabase]
                : [directory.adminMacaroon, directory.readOnlyMacaroon, directory.invoiceMacaroon, directory.macaroonDatabase]
            for url in urls where PosixFile.exists(url) { try FileManager.default.removeItem(at: url) }
            try await startREST()
            return urls.map(\.path).joined(separator: ", ")
        case .tls:
            await stopREST()
            try? FileManager.default.removeItem(at: directory.tlsCertificate)
            try? FileManager.default.removeItem(at: directory.tlsKey)
            try await startREST()
            return directory.tlsCertificate.path
        case .all:
            await stopREST()
            try FileManager.default.removeItem(at: directory.root)
            await node.forgetLocalData()
            try await startREST()
            await node.saveWorld()
            recordAdminPort()
            return directory.root.path
        }
    }

    public func shutdown() async {
        await node.stopPeerListeners()
        await stopREST()
        await admin?.stop()
        admin = nil
    }

    /// The port of `restlisten=` in an existing lnd.conf.
    static func configuredPort(_ directory: LNDDirectory) -> Int? {
        guard let bytes = PosixFile.read(directory.configFile) else { return nil }
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("restlisten=") else { continue }
            if let colon = trimmed.lastIndex(of: ":"), let port = Int(trimmed[trimmed.index(after: colon)...]), port > 0 {
                return port
            }
        }
        return nil
    }
}
