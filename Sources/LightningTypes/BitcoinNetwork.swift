import Codecs

/// The bitcoin networks lnd runs on, with what each one changes for backups:
/// the BIP32 coin type (docs/lnd.md §2.6) and the genesis hash stored in every SCB (§1.3).
public enum BitcoinNetwork: String, Sendable, CaseIterable, Codable {
    case mainnet, testnet, testnet4, signet, regtest, simnet

    /// `coin_type` in `m/1017'/coin_type'/...`: 0 on mainnet, 1 everywhere else (simnet included).
    public var coinType: UInt32 { self == .mainnet ? 0 : 1 }

    /// The directory name lnd uses under `data/chain/bitcoin/`.
    public var lndDirectoryName: String { rawValue }

    /// Genesis block hash in internal (little-endian, as serialized) byte order, hex.
    public var genesisHashInternalHex: String {
        switch self {
        case .mainnet: return "6fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000"
        case .testnet: return "43497fd7f826957108f4a30fd9cec3aeba79972084e90ead01ea330900000000"
        case .testnet4: return "43f08bdab050e35b567c864b91f47f50ae725ae2de53bcfbbaf284da00000000"
        case .signet: return "f61eee3b63a380a477a063af32b2bbc97c9ff9f01f2c4225e973988108000000"
        case .regtest: return "06226e46111a0b59caaf126043eb5bbf28c34f3a5e332a1fc7b2b73cf188910f"
        case .simnet: return "f67ad7695d9b662a72ff3d8edbbb2de0bfa67b13974bb9910d116d5cbd863e68"
        }
    }

    /// The network whose genesis hash (internal order) is `bytes`, if any.
    public static func fromGenesisHash(internalOrder bytes: [UInt8]) -> BitcoinNetwork? {
        let hex = Hex.encode(bytes)
        return allCases.first { $0.genesisHashInternalHex == hex }
    }
}
