import CurlHTTP
import Foundation
public import Sodium
import Codecs
import LightningTypes

/// lnd's REST API over libcurl (docs/lnd.md §3): the calls casa needs, with lnd's JSON rules,
/// typed errors and NDJSON streams.
public final class LNDClient: Sendable {
    public let connection: LNDConnection
    private let http: CurlHTTPClient
    private let base: String
    private let macaroonHeader: String?

    public init(_ connection: LNDConnection) throws(LNDError) {
        self.connection = connection
        do {
            http = try CurlHTTPClient(configuration: HTTPClientConfiguration(
                security: connection.security, proxy: connection.proxy, timeouts: connection.timeouts,
                streamTimeouts: HTTPTimeouts(connect: connection.timeouts.connect, total: nil, lowSpeed: nil),
                userAgent: "casa-lnd-client"
            ))
        } catch {
            throw .transport(error)
        }
        base = connection.baseURL.hasSuffix("/") ? String(connection.baseURL.dropLast()) : connection.baseURL
        macaroonHeader = connection.macaroon?.headerValue
    }

    // MARK: - State (no macaroon)

    public func getState() async throws -> WalletState {
        try await unary(.get, "/v1/state", as: WalletStateMessage.self).state
    }

    /// Sends the current state first, then every change.
    public func subscribeState() async throws -> LNDStream<WalletState> {
        let stream: LNDStream<WalletStateMessage> = try await stream(.get, "/v1/state/subscribe")
        return LNDStream(body: stream.body, httpStatus: stream.httpStatus, wire: WalletStateMessage.self) { $0.state }
    }

    // MARK: - Lightning

    public func getInfo() async throws -> NodeInfo {
        try await unary(.get, "/v1/getinfo")
    }

    public func listChannels(activeOnly: Bool = false) async throws -> [Channel] {
        try await unary(.get, "/v1/channels" + (activeOnly ? "?active_only=true" : ""), as: ChannelList.self).channels
    }

    public func pendingChannels() async throws -> PendingChannels {
        try await unary(.get, "/v1/channels/pending")
    }

    /// ClosedChannels: channels whose close lnd has fully resolved (swept), every close type.
    public func closedChannels() async throws -> [ClosedChannel] {
        try await unary(.get, "/v1/channels/closed", as: ClosedChannelList.self).channels
    }

    public func exportAllChannelBackups() async throws -> ChannelBackupSnapshot {
        try await unary(.get, "/v1/channels/backup")
    }

    /// Sends nothing at subscribe time, then a full snapshot after each channel open/close event:
    /// call `exportAllChannelBackups` first.
    public func subscribeChannelBackups() async throws -> LNDStream<ChannelBackupSnapshot> {
        try await stream(.get, "/v1/channels/backup/subscribe")
    }

    /// Checks a Multi (channel.backup bytes) with lnd; returns the channel points it covers.
    public func verify(multi: [UInt8]) async throws -> [String] {
        let body = ChannelBackupSnapshot(singles: [], multi: MultiChannelBackup(channelPoints: [], backup: multi))
        return try await unary(.post, "/v1/channels/backup/verify", json: body, as: VerifyResponse.self).chanPoints
    }

    /// Checks one Single with lnd.
    public func verify(single: ChannelBackup) async throws -> [String] {
        let body = ChannelBackupSnapshot(singles: [single], multi: nil)
        return try await unary(.post, "/v1/channels/backup/verify", json: body, as: VerifyResponse.self).chanPoints
    }

    /// Restores from a Multi; returns how many channels were new (existing ones are skipped).
    /// Needs SERVER_ACTIVE.
    public func restoreChannelBackups(multi: [UInt8]) async throws -> UInt32 {
        struct Body: Encodable {
            let multi: [UInt8]
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: ChannelBackupSnapshot.CodingKeys.self)
                try c.lndEncode(bytes: multi, forKey: .multiChanBackup)
            }
        }
        return try await unary(.post, "/v1/channels/backup/restore", json: Body(multi: multi), as: RestoreResponse.self).numRestored
    }

    /// Restores from Singles.
    public func restoreChannelBackups(singles: [ChannelBackup]) async throws -> UInt32 {
        struct Body: Encodable {
            let singles: [ChannelBackup]
            enum CodingKeys: String, CodingKey { case chanBackups = "chan_backups" }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(ChannelBackupSnapshot.Singles(singles), forKey: .chanBackups)
            }
        }
        return try await unary(.post, "/v1/channels/backup/restore", json: Body(singles: singles), as: RestoreResponse.self).numRestored
    }

    /// Force-closes a channel; the stream sends `pending` at broadcast and `closed` after a confirmation.
    public func forceCloseChannel(_ point: ChannelPoint) async throws -> LNDStream<CloseStatusUpdate> {
        try await stream(.delete, "/v1/channels/\(point.displayTxid)/\(point.outputIndex)?force=true")
    }

    /// GetNodeInfo: a node's announced addresses from the graph.
    public func getNodeInfo(pubkey: String, includeChannels: Bool = false) async throws -> GraphNode {
        try Self.checkPubkey(pubkey)
        return try await unary(.get, "/v1/graph/node/\(pubkey)?include_channels=\(includeChannels)")
    }

    /// ConnectPeer (`perm` = persistent: lnd keeps reconnecting with backoff).
    public func connectPeer(pubkey: String, host: String, permanent: Bool = true, timeoutSeconds: UInt64 = 0) async throws {
        try Self.checkPubkey(pubkey)
        struct Body: Encodable {
            let pubkey: String, host: String, perm: Bool, timeout: UInt64
            enum CodingKeys: String, CodingKey { case addr, perm, timeout }
            enum AddressKeys: String, CodingKey { case pubkey, host }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                var address = c.nestedContainer(keyedBy: AddressKeys.self, forKey: .addr)
                try address.encode(pubkey, forKey: .pubkey)
                try address.encode(host, forKey: .host)
                try c.encode(perm, forKey: .perm)
                try c.lndEncode(timeout, forKey: .timeout)
            }
        }
        _ = try await unary(.post, "/v1/peers", json: Body(pubkey: pubkey, host: host, perm: permanent, timeout: timeoutSeconds),
                            as: ConnectPeerResponse.self)
    }

    /// ListPeers: the public keys (hex) of the peers connected now.
    public func listPeers() async throws -> [String] {
        try await unary(.get, "/v1/peers", as: PeerList.self).peers.map(\.pubKey)
    }

    /// ListPeers: each connected peer's public key (hex) and the address of its connection.
    public func listPeerAddresses() async throws -> [String: String] {
        let peers = try await unary(.get, "/v1/peers", as: PeerList.self).peers
        return Dictionary(peers.map { ($0.pubKey, $0.address ?? "") }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: - Signer

    /// DeriveSharedKey: SHA256(compressed(k·P)) for the key k at `keyLocator` (docs/lnd.md §3.4).
    public func deriveSharedKey(ephemeralPublicKey: [UInt8], keyLocator: KeyLocator) async throws -> SecureBytes {
        guard ephemeralPublicKey.count == 33 else {
            throw LNDError.invalidArgument("the ephemeral public key must be 33 bytes (compressed), got \(ephemeralPublicKey.count)")
        }
        guard let family = Int32(exactly: keyLocator.family), let index = Int32(exactly: keyLocator.index) else {
            throw LNDError.invalidArgument("key locator \(keyLocator) does not fit lnd's int32 fields")
        }
        struct Body: Encodable {
            let point: [UInt8], family: Int32, index: Int32
            enum CodingKeys: String, CodingKey { case ephemeralPubkey = "ephemeral_pubkey", keyDesc = "key_desc" }
            enum DescriptorKeys: String, CodingKey { case keyLoc = "key_loc" }
            enum LocatorKeys: String, CodingKey { case keyFamily = "key_family", keyIndex = "key_index" }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.lndEncode(bytes: point, forKey: .ephemeralPubkey)
                var descriptor = c.nestedContainer(keyedBy: DescriptorKeys.self, forKey: .keyDesc)
                var locator = descriptor.nestedContainer(keyedBy: LocatorKeys.self, forKey: .keyLoc)
                try locator.encode(family, forKey: .keyFamily)
                try locator.encode(index, forKey: .keyIndex)
            }
        }
        var key = try await unary(.post, "/v2/signer/sharedkey", json: Body(point: ephemeralPublicKey, family: family, index: index),
                                  as: BytesResponse.self, field: "shared_key").bytes
        defer { SecureBytes.zero(&key) }
        guard key.count == 32 else { throw LNDError.invalidResponse("shared_key is \(key.count) bytes, expected 32") }
        return try SecureBytes(copying: key)
    }

    // MARK: - WalletUnlocker (no macaroon)

    public func unlockWallet(password: SecureBytes, recoveryWindow: Int32 = 0) async throws {
        var body = SecureJSONBody()
        body.text("{\"wallet_password\":")
        try body.base64String(password)
        body.text(",\"recovery_window\":\(recoveryWindow),\"stateless_init\":false}")
        _ = try await send(.post, "/v1/unlockwallet", body: .secret(try body.build()), authenticated: false)
    }

    /// GenSeed: a new aezeed from lnd. `entropy`, if given, must be 16 bytes.
    public func genSeed(passphrase: SecureBytes? = nil, entropy: SecureBytes? = nil) async throws -> GeneratedSeed {
        var query: [String] = []
        if let passphrase { query.append("aezeed_passphrase=" + Self.queryBase64(passphrase.unsafeCopy())) }
        if let entropy {
            guard entropy.count == 16 else { throw LNDError.invalidArgument("seed entropy must be 16 bytes") }
            query.append("seed_entropy=" + Self.queryBase64(entropy.unsafeCopy()))
        }
        let path = "/v1/genseed" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        let response = try await unary(.get, path, as: GenSeedResponse.self, authenticated: false)
        var words = Array(response.cipherSeedMnemonic.joined(separator: " ").utf8)
        var enciphered = response.encipheredSeed
        defer { SecureBytes.zero(&words); SecureBytes.zero(&enciphered) }
        return GeneratedSeed(mnemonic: try SecureBytes(copying: words), encipheredSeed: try SecureBytes(copying: enciphered))
    }

    /// InitWallet from seed words (space-separated, in secure memory); returns the admin macaroon.
    public func initWallet(
        password: SecureBytes, mnemonic: SecureBytes, aezeedPassphrase: SecureBytes? = nil,
        recoveryWindow: Int32 = 0, channelBackups: ChannelBackupSnapshot? = nil
    ) async throws -> LNDMacaroon {
        guard password.count >= 8 else { throw LNDError.invalidArgument("password must have at least 8 characters") }
        var body = SecureJSONBody()
        body.text("{\"wallet_password\":")
        try body.base64String(password)
        body.text(",\"cipher_seed_mnemonic\":[")
        try body.quotedWords(mnemonic)
        body.text("],\"aezeed_passphrase\":")
        try body.base64String(aezeedPassphrase ?? SecureBytes(count: 0) { _ in })
        body.text(",\"recovery_window\":\(recoveryWindow),\"stateless_init\":false")
        if let channelBackups {
            let json = try JSONEncoder().encode(channelBackups)
            body.text(",\"channel_backups\":" + String(decoding: json, as: UTF8.self))
        }
        body.text("}")
        let response = try await send(.post, "/v1/initwallet", body: .secret(try body.build()), authenticated: false)
        var macaroon = try decode(BytesResponse.self, from: response, field: "admin_macaroon").bytes
        defer { SecureBytes.zero(&macaroon) }
        return LNDMacaroon(bytes: try SecureBytes(copying: macaroon))
    }

    // MARK: - Plumbing

    private func request(_ method: HTTPMethod, _ path: String, body: HTTPBody, authenticated: Bool) throws -> HTTPRequest {
        var headers: HTTPHeaders = ["Accept": "application/json"]
        if case .empty = body {} else { headers.add(name: "Content-Type", value: "application/json") }
        if authenticated, let macaroonHeader { headers.add(name: "Grpc-Metadata-macaroon", value: macaroonHeader) }
        return HTTPRequest(method: method, url: base + path, headers: headers, body: body)
    }

    private func send(_ method: HTTPMethod, _ path: String, body: HTTPBody = .empty, authenticated: Bool = true) async throws -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try await http.send(request(method, path, body: body, authenticated: authenticated))
        } catch let error as HTTPClientError {
            throw LNDError.transport(error)
        }
        guard response.head.isSuccess else { throw Self.error(status: response.status, body: response.body) }
        return response
    }

    private func unary<T: Decodable>(
        _ method: HTTPMethod, _ path: String, as type: T.Type = T.self, authenticated: Bool = true
    ) async throws -> T {
        try decode(T.self, from: await send(method, path, authenticated: authenticated))
    }

    private func unary<T: Decodable>(
        _ method: HTTPMethod, _ path: String, json: some Encodable, as type: T.Type = T.self, field: String? = nil
    ) async throws -> T {
        let body = try JSONEncoder().encode(json)
        return try decode(T.self, from: await send(method, path, body: .bytes(Array(body))), field: field)
    }

    private func decode<T: Decodable>(_ type: T.Type, from response: HTTPResponse, field: String? = nil) throws -> T {
        let decoder = JSONDecoder()
        if let field { decoder.userInfo[BytesResponse.fieldKey] = field }
        do {
            return try decoder.decode(T.self, from: Data(response.body))
        } catch {
            throw LNDError.invalidResponse("\(T.self): \(error)")
        }
    }

    private func stream<T: Decodable & Sendable>(_ method: HTTPMethod, _ path: String) async throws -> LNDStream<T> {
        let response: HTTPStreamingResponse
        do {
            response = try await http.stream(request(method, path, body: .empty, authenticated: true))
            guard response.head.isSuccess else {
                throw Self.error(status: response.status, body: try await response.collect(upTo: 1 << 20))
            }
        } catch let error as HTTPClientError {
            throw LNDError.transport(error)
        }
        return LNDStream(body: response.body, httpStatus: response.status, wire: T.self) { $0 }
    }

    /// `{"code","message","details"}` (unary) or `{"error":{...}}` (a stream failing before its first message).
    static func error(status: Int, body: [UInt8]) -> LNDError {
        let decoder = JSONDecoder()
        if let line = body.split(separator: 0x0a).first,
           case .error(let rpc)? = try? decoder.decode(StreamLine<EmptyMessage>.self, from: Data(line)) {
            return LNDError(code: rpc.code, message: rpc.message, httpStatus: status)
        }
        if let rpc = try? decoder.decode(RPCStatus.self, from: Data(body)), !rpc.message.isEmpty {
            return LNDError(code: rpc.code, message: rpc.message, httpStatus: status)
        }
        let text = String(decoding: body.prefix(200), as: UTF8.self)
        return .rpc(code: -1, message: text.isEmpty ? "HTTP \(status) with no body" : text, httpStatus: status)
    }

    private static func checkPubkey(_ pubkey: String) throws(LNDError) {
        guard pubkey.count == 66, Hex.decode(pubkey) != nil else {
            throw .invalidArgument("a node public key is 66 hex characters, got \(pubkey)")
        }
    }

    /// Base64 for a URL query: the standard alphabet with +, / and = percent-encoded.
    private static func queryBase64(_ bytes: [UInt8]) -> String {
        Base64.encode(bytes).replacingOccurrences(of: "+", with: "%2B").replacingOccurrences(of: "/", with: "%2F")
            .replacingOccurrences(of: "=", with: "%3D")
    }
}

/// A message type for parsing only the error member of a stream line.
private struct EmptyMessage: Decodable {}
