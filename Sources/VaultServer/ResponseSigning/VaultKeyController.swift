import BlobStorage
import Hummingbird
import VaultAPI
import Codecs

/// `GET /v1/vault-key`: the response key's public half, for clients to record when they enroll
/// (trust on first use, docs/vault-api.md "Signed responses").
struct VaultKeyController: Sendable {
    let key: VaultResponseKey

    func addRoutes(to router: Router<VaultRequestContext>) {
        router.get(RouterPath(VaultPath.vaultKey)) { _, _ in
            try Response.json(VaultKeyResponse(responseKey: Hex.encode(key.publicKey)))
        }
    }
}
