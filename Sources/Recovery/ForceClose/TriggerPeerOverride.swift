import LightningPeer
import Secp256k1
import Sodium
import Codecs

/// A `--peer <node id>@host:port`: where to reach one node, instead of its addresses in the backup.
public struct TriggerPeerOverride: Sendable, Equatable {
    public let node: PublicKey
    public let address: PeerAddress

    public init(node: PublicKey, address: PeerAddress) {
        self.node = node
        self.address = address
    }

    public init(parsing text: String) throws(TriggerError) {
        guard let at = text.firstIndex(of: "@") else {
            throw .invalidPeer(text, reason: "the node id is missing (the trigger must know whom it talks to)")
        }
        let hex = String(text[..<at]).lowercased()
        guard hex.utf8.count == 66, let bytes = Hex.decode(hex), let key = try? PublicKey(bytes: bytes) else {
            throw .invalidPeer(text, reason: "\"\(hex)\" is not a node id (a compressed public key, 66 hex digits)")
        }
        do {
            address = try PeerAddress(parsing: String(text[text.index(after: at)...]))
        } catch {
            throw .invalidPeer(text, reason: "\(error)")
        }
        node = key
    }
}
