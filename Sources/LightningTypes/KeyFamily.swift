/// lnd's key families (keychain/derivation.go).
public enum KeyFamily: UInt32, Sendable, CaseIterable {
    case multiSig = 0
    case revocationBase = 1
    case htlcBase = 2
    case paymentBase = 3
    case delayBase = 4
    case revocationRoot = 5
    case nodeKey = 6
    case baseEncryption = 7
    case towerSession = 8
    case towerID = 9
}
