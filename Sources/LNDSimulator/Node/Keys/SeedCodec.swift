import Sodium

/// aezeed as GenSeed and InitWallet need it, with lnd's error messages. Delegates to SeedKit's
/// aezeed once that is merged.
enum SeedCodec {
    struct Generated {
        let mnemonic: [String]
        let enciphered: [UInt8]
    }

    /// A new cipher seed (internal version 0, birthday today) from 16 bytes of entropy.
    static func generate(entropy: [UInt8], passphrase: [UInt8]) throws(RPCError) -> Generated {
        throw .unknown("aezeed is not available in this build of lnd-sim")
    }

    /// The 16-byte entropy and birthday of a mnemonic, or lnd's error for a bad one.
    static func decode(mnemonic: [String], passphrase: [UInt8]) throws(RPCError) -> (entropy: SecureBytes, birthday: UInt16) {
        throw .unknown("aezeed is not available in this build of lnd-sim")
    }
}
