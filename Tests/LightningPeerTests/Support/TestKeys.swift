import LightningWire
import Secp256k1
import Sodium

/// Fixed keys (the BOLT 8 vector keys) and a sample channel for peer tests.
enum TestKeys {
    static let ourNodeSecret = [UInt8](repeating: 0x11, count: 32)
    static let peerNodeSecret = [UInt8](repeating: 0x21, count: 32)

    static func ourNode() throws -> PrivateKey { try PrivateKey(secret: SecureBytes(copying: ourNodeSecret)) }
    static func peerNode() throws -> PrivateKey { try PrivateKey(secret: SecureBytes(copying: peerNodeSecret)) }

    static let channelPoint = "8e3efb6f5537d964c1c02c0587f75fc6995888675083400d4b10c02f47ad3592:0"
    static let channelIDHex = "9235ad472fc0104b0d40835067885899c65ff787052cc0c164d937556ffb3e8e"
}
