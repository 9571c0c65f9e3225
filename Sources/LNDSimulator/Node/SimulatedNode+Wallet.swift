import BackupCore
import Foundation
import Logging
import Secp256k1
import Sodium
import Codecs
import LightningTypes

/// WalletUnlocker: GenSeed, InitWallet, UnlockWallet; macaroon baking and checking.
extension SimulatedNode {
    static let defaultRootKeyID = "0"

    public func genSeed(passphrase: [UInt8], entropy: [UInt8]) throws(RPCError) -> JSONValue {
        if PosixFile.exists(directory.walletDatabase) { throw .unknown("wallet already exists") }
        let seedEntropy: [UInt8]
        if entropy.isEmpty {
            seedEntropy = Random.bytes(16)
        } else {
            guard entropy.count == 16 else {
                throw .unknown("seed entropy of length \(entropy.count) is invalid, must be 16 bytes")
            }
            seedEntropy = entropy
        }
        let generated = try SeedCodec.generate(entropy: seedEntropy, passphrase: passphrase)
        return .object([
            ("cipher_seed_mnemonic", .array(generated.mnemonic.map { .string($0) })),
            ("enciphered_seed", .bytes(generated.enciphered)),
        ])
    }

    func initWallet(_ request: JSONInput) throws(RPCError) -> JSONValue {
        if PosixFile.exists(directory.walletDatabase) { throw .unknown("wallet already exists") }
        let password = try request.bytes("wallet_password")
        let mnemonic = try request.strings("cipher_seed_mnemonic")
        let passphrase = try request.bytes("aezeed_passphrase")
        if try !request.string("extended_master_key").isEmpty || request.has("watch_only") {
            throw .unknown("lnd-sim only creates wallets from an aezeed mnemonic")
        }
        let backups = try backupsFromSnapshot(request.object("channel_backups"))
        let secret: SecureBytes
        do { secret = try SecureBytes(copying: password) } catch { throw .unknown("\(error)") }
        let macaroon = try createWallet(
            password: secret, mnemonic: mnemonic, passphrase: passphrase, backups: backups,
            statelessInit: request.bool("stateless_init"))
        return .object([("admin_macaroon", .bytes(macaroon))])
    }

    func unlockWallet(_ request: JSONInput) throws(RPCError) -> JSONValue {
        guard PosixFile.exists(directory.walletDatabase) else { throw .unknown("wallet not found") }
        let password = try request.bytes("wallet_password")
        let backups = try backupsFromSnapshot(request.object("channel_backups"))
        let secret: SecureBytes
        do { secret = try SecureBytes(copying: password) } catch { throw .unknown("\(error)") }
        try openWallet(password: secret, backups: backups)
        return .object([])
    }

    /// InitWallet's work; returns the admin macaroon.
    func createWallet(
        password: SecureBytes, mnemonic: [String], passphrase: [UInt8], backups: SealedBackups, statelessInit: Bool
    ) throws(RPCError) -> [UInt8] {
        guard password.count >= 8 else { throw .unknown("password must have at least 8 characters") }
        guard mnemonic.count == 24 else {
            throw .unknown("mnemonic must be exactly 24 words, got \(mnemonic.count)")
        }
        let (entropy, birthday) = try SeedCodec.decode(mnemonic: mnemonic, passphrase: passphrase)
        do {
            try directory.createLayout(restPort: configuration.restPort)
            let (file, key) = try WalletFile.create(entropy: entropy, password: password, birthday: birthday)
            var macaroonDatabase = MacaroonDatabase()
            let rootKey = try SecureBytes.random(count: 32)
            try macaroonDatabase.add(id: SimulatedNode.defaultRootKeyID, rootKey: rootKey, walletKey: key)
            try macaroonDatabase.save(directory.macaroonDatabase)
            try file.save(directory.walletDatabase)
            try unlocked(entropy: entropy, walletKey: key, backups: backups)
            let admin = try bake(MacaroonOperation.admin, rootKeyID: SimulatedNode.defaultRootKeyID)
            if !statelessInit { try writeMacaroonFiles(admin: admin) }
            return admin
        } catch let error as RPCError {
            throw error
        } catch {
            throw .unknown("cannot create the wallet: \(error)")
        }
    }

    /// UnlockWallet's work.
    func openWallet(password: SecureBytes, backups: SealedBackups) throws(RPCError) {
        do {
            guard let file = try WalletFile.load(directory.walletDatabase) else { throw RPCError.unknown("wallet not found") }
            let (entropy, key) = try file.open(password: password)
            try unlocked(entropy: entropy, walletKey: key, backups: backups)
            if !PosixFile.exists(directory.adminMacaroon) {
                try writeMacaroonFiles(admin: bake(MacaroonOperation.admin, rootKeyID: SimulatedNode.defaultRootKeyID))
            }
        } catch let error as RPCError {
            throw error
        } catch let error as WalletFile.Failure {
            throw .unknown(error.description)
        } catch {
            throw .unknown("cannot open the wallet: \(error)")
        }
    }

    private func unlocked(entropy: SecureBytes, walletKey: SecureBytes, backups: SealedBackups) throws {
        keys = try NodeKeys(entropy: entropy, network: configuration.network)
        self.walletKey = walletKey
        rootKeys = try MacaroonDatabase.load(directory.macaroonDatabase).rootKeys(walletKey: walletKey)
        do {
            pendingRestore = try openBackups(backups)
        } catch {
            logger.error("cannot open the channel backups given at unlock: \(error.message)")
        }
        setState(.unlocked)
        beginStartup()
    }

    private func writeMacaroonFiles(admin: [UInt8]) throws {
        // lnd: adminMacaroonFilePermissions = 0640 (lnd.go:63), readonly and invoice 0644 (lnd.go:926-947).
        try PosixFile.writeAtomically(admin, to: directory.adminMacaroon, mode: 0o640)
        try PosixFile.writeAtomically(
            bake(MacaroonOperation.readOnly, rootKeyID: SimulatedNode.defaultRootKeyID), to: directory.readOnlyMacaroon, mode: 0o644)
        try PosixFile.writeAtomically(
            bake(MacaroonOperation.invoice, rootKeyID: SimulatedNode.defaultRootKeyID), to: directory.invoiceMacaroon, mode: 0o644)
    }

    /// Mints a macaroon for `permissions` under the root key `rootKeyID` (created if new).
    func bake(_ permissions: [MacaroonOperation], rootKeyID: String) throws -> [UInt8] {
        if rootKeys[rootKeyID] == nil {
            guard let walletKey else { throw RPCError.unknown("wallet locked, unlock it to enable full RPC access") }
            let rootKey = try SecureBytes.random(count: 32)
            var macaroonDatabase = try MacaroonDatabase.load(directory.macaroonDatabase)
            try macaroonDatabase.add(id: rootKeyID, rootKey: rootKey, walletKey: walletKey)
            try macaroonDatabase.save(directory.macaroonDatabase)
            rootKeys[rootKeyID] = rootKey
        }
        guard let rootKey = rootKeys[rootKeyID] else { throw RPCError.unknown("root key missing") }
        let identifier = MacaroonIdentifier(nonce: Random.bytes(16), storageID: Array(rootKeyID.utf8), permissions: permissions)
        return try Macaroon.mint(rootKey: rootKey, identifier: identifier.serialized(), location: "lnd").serialized()
    }

    /// lnd's BakeMacaroon RPC.
    func bakeMacaroon(_ request: JSONInput) throws(RPCError) -> JSONValue {
        let allowExternal = try request.bool("allow_external_permissions")
        let rootKeyID = try request.uint64("root_key_id")
        var permissions: [MacaroonOperation] = []
        for entry in try request.objects("permissions") {
            let permission = MacaroonOperation(try entry.string("entity"), try entry.string("action"))
            if !allowExternal {
                let help = "supported actions are \(MacaroonOperation.validActions), supported entities are \(MacaroonOperation.validEntities)"
                guard MacaroonOperation.validEntities.contains(permission.entity) else {
                    throw .unknown("invalid permission entity. \(help)")
                }
                if permission.entity == MacaroonOperation.uriEntity {
                    guard RESTRoutes.knownMethods.contains(permission.action) else {
                        throw .unknown("invalid permission action, must be an existing URI in the format /package.Service/MethodName")
                    }
                } else if !MacaroonOperation.validActions.contains(permission.action) {
                    throw .unknown("invalid permission action. \(help)")
                }
            }
            permissions.append(permission)
        }
        guard !permissions.isEmpty else {
            throw .unknown("permission list cannot be empty. specify at least one action/entity pair")
        }
        do {
            let macaroon = try bake(permissions, rootKeyID: String(rootKeyID))
            return .object([("macaroon", .string(Hex.encode(macaroon)))])
        } catch let error as RPCError {
            throw error
        } catch {
            throw .unknown("\(error)")
        }
    }

    /// lnd's interceptor order: wallet state first, then the macaroon.
    public func admit(_ route: RESTRoute, macaroonHeaders: [String]) throws(RPCError) {
        switch route.service {
        case .walletUnlocker:
            // D17: while lnd opens its database only the State service answers (rpcperms/interceptor.go:890-951).
            if walletState == .waitingToStart { throw .unknown("waiting to start, RPC services not available") }
            if walletState.startupOrder >= WalletState.unlocked.startupOrder {
                throw .unknown("wallet already unlocked, WalletUnlocker service is no longer available")
            }
            return
        case .state:
            return
        case .lightning, .signer:
            switch walletState {
            case .nonExisting: throw .unknown("wallet not created, create one to enable full RPC access")
            case .locked: throw .unknown("wallet locked, unlock it to enable full RPC access")
            case .unlocked: throw .unknown("the RPC server is in the process of starting up, but not yet ready to accept calls")
            case .waitingToStart: throw .unknown("waiting to start, RPC services not available")
            case .rpcActive, .serverActive, .unrecognized: break
            }
            try MacaroonVerifier(rootKeys: rootKeys).authorize(
                headerValues: macaroonHeaders, required: route.permissions, fullMethod: route.fullMethod)
            if route.needsServer && walletState != .serverActive {
                throw .unknown("server is still in the process of starting")
            }
        }
    }

    /// The backups of an unlocker request's `channel_backups` snapshot, still sealed: they can
    /// only be opened once the seed (and so the SCB key) is known.
    func backupsFromSnapshot(_ snapshot: JSONInput?) throws(RPCError) -> SealedBackups {
        guard let snapshot else { return .none }
        if let multi = try snapshot.object("multi_chan_backup") {
            let blob = try multi.bytes("multi_chan_backup")
            if !blob.isEmpty { return .multi(blob) }
        }
        if let singles = try snapshot.object("single_chan_backups") {
            var blobs: [[UInt8]] = []
            for entry in try singles.objects("chan_backups") { blobs.append(try entry.bytes("chan_backup")) }
            if !blobs.isEmpty { return .singles(blobs) }
        }
        return .none
    }
}

/// Channel backups as a request carries them: one packed Multi, or packed Singles.
enum SealedBackups {
    case none
    case multi([UInt8])
    case singles([[UInt8]])
}
