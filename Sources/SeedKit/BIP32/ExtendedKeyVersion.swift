import LightningTypes

/// The 4-byte version prefixes of serialized extended private keys (BIP32, btcd chaincfg).
enum ExtendedKeyVersion {
    static let mainnet: [UInt8] = [0x04, 0x88, 0xAD, 0xE4]  // xprv
    static let testnet: [UInt8] = [0x04, 0x35, 0x83, 0x94]  // tprv: testnet3/4, signet, regtest
    static let simnet: [UInt8] = [0x04, 0x20, 0xB9, 0x00]  // sprv (btcd simnet)

    static func privateVersion(for network: BitcoinNetwork) -> [UInt8] {
        switch network {
        case .mainnet: return mainnet
        case .simnet: return simnet
        case .testnet, .testnet4, .signet, .regtest: return testnet
        }
    }

    static func prefix(of version: [UInt8]) -> String? {
        switch version {
        case mainnet: return "xprv"
        case testnet: return "tprv"
        case simnet: return "sprv"
        default: return nil
        }
    }

    /// The network a version implies when none is given: tprv is read as testnet
    /// (regtest, signet and testnet4 share it and derive the same lnd keys, coin type 1).
    static func defaultNetwork(for version: [UInt8]) -> BitcoinNetwork? {
        switch version {
        case mainnet: return .mainnet
        case testnet: return .testnet
        case simnet: return .simnet
        default: return nil
        }
    }
}
