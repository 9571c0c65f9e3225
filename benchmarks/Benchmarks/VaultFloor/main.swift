// The vault upload's floor on this stack, for benchmarks/vault-upload.sh: Hummingbird 2 on
// NIO's event loops, the same route shape, the body collected within the vault's size limit,
// SHA-256 of the body and one libsodium Ed25519 verification of the signed request: the work
// every upload must do by the contract (docs/vault-api.md "Signed requests"). Nothing else: no
// middleware, no metrics, no replay record, no account, no storage, no fsync.
// Not a server for anything but the benchmark; it answers 201 to a request whose signature is
// valid (whatever its account) and 401 otherwise.
// `vault-floor PORT --durable FILE` adds the least a durable store must do: the body appended to
// FILE, answered after a group fdatasync (DurableLog).
import BlobStorage
import HTTPTypes
import Hummingbird
import NIOCore
import NIOPosix
import Sodium
import VaultAPI
import Codecs

NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
let arguments = Array(CommandLine.arguments.dropFirst())
let port = arguments.first.flatMap { Int($0) } ?? 0
let durable: DurableLog? = arguments.firstIndex(of: "--durable").flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
    .map { path in
        guard let log = DurableLog(path: path) else { fatalError("vault-floor: cannot open \(path)") }
        return log
    }
// Header names validated once, as the vault does (HTTPField.Name+Vault); constant tokens.
let keyName = HTTPField.Name(VaultHeader.key)!, freshnessName = HTTPField.Name(VaultHeader.freshness)!
let nonceName = HTTPField.Name(VaultHeader.nonce)!, signatureName = HTTPField.Name(VaultHeader.signature)!
let contentHashName = HTTPField.Name(VaultHeader.contentHash)!
let router = Router()
router.put("/v1/accounts/:account/blobs/:name/versions/:version") { request, _ -> Response in
    let body = try await request.body.collect(upTo: 4 << 20)
    let bytes = body.getBytes(at: body.readerIndex, length: body.readableBytes) ?? []
    let fields = request.headers
    guard let keyHex = fields[keyName], let key = Hex.decode(keyHex),
          let freshnessText = fields[freshnessName], let freshness = Freshness(header: freshnessText),
          let nonce = fields[nonceName], let signatureHex = fields[signatureName],
          let signature = Hex.decode(signatureHex) else {
        return Response(status: .unauthorized)
    }
    let (path, query) = SignedRequest.splitTarget(request.head.path ?? "/")
    let message = SignedRequest(method: request.method.rawValue, path: path, query: query, bodySHA256: SHA256.hash(bytes),
                                key: key, freshness: freshness, nonce: nonce).canonicalMessage
    guard Ed25519.verify(signature: signature, message: message, publicKey: key) else { return Response(status: .unauthorized) }
    await durable?.append(bytes)
    let json = #"{"version":1,"size":\#(bytes.count),"contentHash":"\#(fields[contentHashName] ?? "")","storedAt":0}"#
    return Response(status: .created, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: json)))
}
// Hummingbird logs "listening on 127.0.0.1:<port>" at start-up; the script reads the port there.
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
