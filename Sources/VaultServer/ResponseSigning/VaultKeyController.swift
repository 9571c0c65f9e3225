import BlobStorage
import Hummingbird
import VaultAPI

/// `GET /v1/vault-key`: the response key's public half, for clients to record when they enroll
/// (trust on first use, docs/vault-api.md "Signed responses").
struct VaultKeyController: Sendable {
    let key: VaultResponseKey

    func addRoutes(to router: Router<VaultRequestContext>) {
        router.get(RouterPath(VaultPath.vaultKey)) { _, _ in
            try Response.json(VaultKeyResponse(responseKey: HexCoding.encode(key.publicKey)))
        }
    }
}
