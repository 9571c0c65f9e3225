import Foundation
import LNDClient
import SeedKit
import Sodium
import LightningTypes

/// `RecoveryLND` over the real REST client, found from lnd's folder (`LNDDiscovery`). A fresh
/// lnd has no macaroon yet: until InitWallet returns the admin macaroon (or lnd writes one), only
/// the calls that need none are made.
public final class LNDClientAdapter: RecoveryLND, @unchecked Sendable {
    private let lock = NSLock()
    private var client: LNDClient
    private let options: LNDDiscovery.Options

    public init(lndDir: String, restURL: String?, network: BitcoinNetwork) throws {
        options = LNDDiscovery.Options(lndDir: lndDir, restURL: restURL, network: network)
        client = try Self.discover(options)
    }

    private static func discover(_ options: LNDDiscovery.Options) throws -> LNDClient {
        // A fresh lnd has no macaroon yet: reach it without one (GetState, InitWallet need none).
        var options = options
        options.requireMacaroon = false
        do {
            return try LNDClient(LNDDiscovery(options).connection)
        } catch {
            throw RecoveryError.lndUnavailable(error.description)
        }
    }

    private var current: LNDClient { lock.withLock { client } }

    /// Reads the macaroon lnd wrote after the wallet was created or unlocked.
    private func rediscoverIfNeeded() {
        guard current.connection.macaroon == nil, let fresh = try? Self.discover(options), fresh.connection.macaroon != nil else { return }
        lock.withLock { client = fresh }
    }

    private func call<T>(_ body: (LNDClient) async throws -> T) async throws -> T {
        do {
            return try await body(current)
        } catch let error as LNDError {
            if case .transport = error { throw RecoveryError.lndUnavailable(error.description) }
            throw RecoveryError.lndFailed(error.description)
        }
    }

    public func walletState() async throws -> WalletState {
        try await call { try await $0.getState() }
    }

    public func initWallet(_ creation: WalletCreation) async throws {
        let macaroon = try await call {
            try await $0.initWallet(password: creation.password, mnemonic: creation.mnemonic, aezeedPassphrase: creation.passphrase,
                                    recoveryWindow: creation.recoveryWindow)
        }
        var connection = current.connection
        connection.macaroon = macaroon
        let authenticated = try LNDClient(connection)
        lock.withLock { client = authenticated }
    }

    public func unlockWallet(password: SecureBytes) async throws {
        try await call { try await $0.unlockWallet(password: password) }
        rediscoverIfNeeded()
    }

    public func identityPubkey() async throws -> String {
        rediscoverIfNeeded()
        return try await call { try await $0.getInfo().identityPubkey }
    }

    public func chainSync() async -> LNDChainSync? {
        rediscoverIfNeeded()
        guard let info = try? await current.getInfo() else { return nil }
        return LNDChainSync(blockHeight: info.blockHeight, syncedToChain: info.syncedToChain)
    }

    public func channels() async throws -> [LNDChannel] {
        let open = try await call { try await $0.listChannels() }
        let pending = try await call { try await $0.pendingChannels() }
        var out = open.map {
            LNDChannel(channelPoint: $0.channelPoint, remotePubkey: $0.remotePubkey, state: .open, capacitySat: $0.capacity,
                       localBalanceSat: $0.localBalance, active: $0.active)
        }
        func add(_ entries: [PendingChannels.Entry], _ state: LNDChannel.State) {
            for entry in entries {
                guard let c = entry.channel else { continue }
                out.append(LNDChannel(channelPoint: c.channelPoint, remotePubkey: c.remoteNodePub, state: state, capacitySat: c.capacity,
                                      localBalanceSat: c.localBalance, closingTxid: entry.closingTxid.isEmpty ? nil : entry.closingTxid,
                                      limboBalanceSat: entry.limboBalance, restoredFromBackup: c.chanStatusFlags.contains("ChanStatusRestored")))
            }
        }
        add(pending.pendingOpen, .pendingOpen)
        add(pending.waitingClose, .waitingClose)
        add(pending.pendingForceClosing, .pendingForceClose)
        // Fully resolved closes leave both lists; ClosedChannels proves them (with the txid).
        let listed = Set(out.map(\.channelPoint))
        for closed in try await call({ try await $0.closedChannels() }) where !listed.contains(closed.channelPoint) {
            out.append(LNDChannel(channelPoint: closed.channelPoint, remotePubkey: closed.remotePubkey, state: .closed,
                                  capacitySat: closed.capacity, localBalanceSat: closed.settledBalance,
                                  closingTxid: closed.closingTxHash.isEmpty ? nil : closed.closingTxHash))
        }
        return out
    }

    public func restoreChannelBackups(_ backups: [(channelPoint: String, single: [UInt8])]) async throws -> Int {
        let singles = try backups.map { backup in
            do {
                return ChannelBackup(channelPoint: try ChannelPoint(parsing: backup.channelPoint), backup: backup.single)
            } catch {
                throw RecoveryError.lndFailed("bad channel point \(backup.channelPoint): \(error)")
            }
        }
        return Int(try await call { try await $0.restoreChannelBackups(singles: singles) })
    }

    public func connectedPeers() async throws -> Set<String> {
        Set(try await call { try await $0.listPeers() })
    }

    public func peerAddresses() async throws -> [String: String] {
        try await call { try await $0.listPeerAddresses() }
    }

    public func graphAddresses(of pubkey: String) async throws -> [String] {
        do {
            return try await current.getNodeInfo(pubkey: pubkey).addresses.map(\.addr)
        } catch let error as LNDError {
            // Not in the graph (unannounced peer): no addresses, not a failure.
            if case .rpc = error { return [] }
            throw RecoveryError.lndUnavailable(error.description)
        }
    }

    public func connectPeer(_ pubkey: String, address: String) async throws {
        do {
            try await current.connectPeer(pubkey: pubkey, host: address, permanent: true)
        } catch let error as LNDError {
            // lnd says so when the peer is connected already: that is what we want.
            if error.description.contains("already connected") { return }
            if case .transport = error { throw RecoveryError.lndUnavailable(error.description) }
            throw RecoveryError.lndFailed(error.description)
        }
    }

    public func forceClose(channelPoint: String) async throws -> String {
        try await call { client in
            let stream = try await client.forceCloseChannel(try ChannelPoint(parsing: channelPoint))
            defer { stream.cancel() }
            for try await update in stream {
                if case .pending = update, let txid = update.displayTxid { return txid }
                if case .closed = update, let txid = update.displayTxid { return txid }
            }
            throw LNDError.invalidResponse("the close stream ended before lnd broadcast the closing transaction")
        }
    }
}
