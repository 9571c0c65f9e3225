import Sodium

/// VerifyChanBackupResponse: the channel points ("txid:idx") the backup covers.
struct VerifyResponse: Decodable {
    let chanPoints: [String]

    enum CodingKeys: String, CodingKey { case chanPoints = "chan_points" }

    init(from decoder: any Decoder) throws {
        chanPoints = try decoder.container(keyedBy: CodingKeys.self).lndArray(.chanPoints)
    }
}

/// RestoreBackupResponse: channels restored now (existing ones are skipped and not counted).
struct RestoreResponse: Decodable {
    let numRestored: UInt32

    enum CodingKeys: String, CodingKey { case numRestored = "num_restored" }

    init(from decoder: any Decoder) throws {
        numRestored = try decoder.container(keyedBy: CodingKeys.self).lndUInt32(.numRestored)
    }
}

/// A response with one `bytes` field (SharedKeyResponse, InitWalletResponse).
struct BytesResponse: Decodable {
    let bytes: [UInt8]

    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static let fieldKey = CodingUserInfoKey(rawValue: "casa.lnd.field")!

    init(from decoder: any Decoder) throws {
        let name = decoder.userInfo[Self.fieldKey] as? String ?? ""
        bytes = try decoder.container(keyedBy: Key.self).lndBytes(Key(stringValue: name))
    }
}

/// GenSeedResponse.
struct GenSeedResponse: Decodable {
    let cipherSeedMnemonic: [String]
    let encipheredSeed: [UInt8]

    enum CodingKeys: String, CodingKey {
        case cipherSeedMnemonic = "cipher_seed_mnemonic"
        case encipheredSeed = "enciphered_seed"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        cipherSeedMnemonic = try c.lndArray(.cipherSeedMnemonic)
        encipheredSeed = try c.lndBytes(.encipheredSeed)
    }
}

/// ConnectPeerResponse.
struct ConnectPeerResponse: Decodable {
    let status: String

    enum CodingKeys: String, CodingKey { case status }

    init(from decoder: any Decoder) throws {
        status = try decoder.container(keyedBy: CodingKeys.self).lndString(.status)
    }
}

/// A freshly generated aezeed (GenSeed): secret, in secure memory.
public struct GeneratedSeed: Sendable {
    /// The 24 words separated by single spaces, UTF-8.
    public let mnemonic: SecureBytes
    /// The 33-byte enciphered seed.
    public let encipheredSeed: SecureBytes
}

/// grpc's status body: `{"code":..,"message":..,"details":[]}` (unary) or the `error` member of a stream line.
struct RPCStatus: Decodable, Sendable {
    let code: Int
    let message: String

    enum CodingKeys: String, CodingKey { case code, message }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = Int(try c.lndInt32(.code))
        message = try c.lndString(.message)
    }
}
