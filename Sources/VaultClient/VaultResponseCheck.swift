import CurlHTTP
import Sodium
import VaultAPI
import Codecs

/// Whether an answer was signed by the vault's response key for the request it answers
/// (`SignedResponse`, docs/vault-api.md "Signed responses").
enum VaultResponseCheck {
    static func isSigned(_ response: HTTPResponse, requestSignature: [UInt8], by key: [UInt8]) -> Bool {
        guard let text = response.headers[VaultHeader.responseSignature], let signature = Hex.decode(text),
              let message = SignedResponse.message(
                  requestSignature: requestSignature, status: response.status, bodySHA256: SHA256.hash(response.body))
        else { return false }
        return Ed25519.verify(signature: signature, message: message, publicKey: key)
    }

    /// What the agent's status and log say when an answer fails the check.
    static let unsignedMessage = "the vault's answer was not signed by the vault this device enrolled with (\(VaultHeader.responseSignature) missing or wrong): a man in the middle, or a vault whose response key changed; nothing counts as stored (docs/agent.md \"Vault response key\")"
}
