import BlobStorage
import Hummingbird
import Logging
import VaultAPI
import Codecs

/// Device registration, revocation, and the per-device sealed-secret slot.
struct DeviceController: Sendable {
    let gate: RequestGate
    /// `release_quiet_seconds`: no release this soon after a liveness heartbeat.
    let releaseQuietMilliseconds: Int64
    let heldBack: HeldBackReleases

    func addRoutes(to router: Router<VaultRequestContext>) {
        let device = "/v1/accounts/:account/devices/:device"
        router.put(RouterPath(device), use: register)
        router.delete(RouterPath(device), use: revoke)
        router.put(RouterPath(device + "/sealed-secret"), use: putSealedSecret)
        router.get(RouterPath(device + "/sealed-secret"), use: getSealedSecret)
        router.delete(RouterPath(device + "/sealed-secret"), use: deleteSealedSecret)
    }

    @Sendable func register(_ request: Request, context: VaultRequestContext) async throws -> Response {
        let authorized = try await gate.authorize(
            request, context: context, roles: [.owner], maxBody: VaultLimits.maxJSONBodySize, contentType: VaultLimits.jsonContentType)
        let key = try parseKey(context.parameters.get("device"), what: "the device key in the path")
        let body = try decodeJSON(RegisterDeviceRequest.self, from: authorized.body)
        let account = authorized.account
        guard key != account.ownerKey, key != account.livenessKey else {
            throw VaultError(.badRequest, .invalidKey, "a device key must differ from the owner and liveness keys")
        }
        if let existing = account.device(key) {
            guard !existing.isRevoked else {
                throw VaultError(.conflict, .deviceRevoked, "this device key was revoked and stays revoked: generate a new device key")
            }
            return try Response.json(Self.info(existing))
        }
        let device = DeviceRecord(key: key, label: try Self.validLabel(body.label), createdAt: authorized.now)
        guard try await gate.repository.addDevice(account.id, device) else {
            throw VaultError(.conflict, .badRequest, "the device was registered concurrently; read the account to see it")
        }
        return try Response.json(Self.info(device), status: .created)
    }

    @Sendable func revoke(_ request: Request, context: VaultRequestContext) async throws -> Response {
        let authorized = try await gate.authorize(request, context: context, roles: [.owner])
        let key = try parseKey(context.parameters.get("device"), what: "the device key in the path")
        guard var device = authorized.account.device(key) else {
            throw VaultError(.notFound, .deviceNotFound, "no device with this key in this account")
        }
        try await gate.repository.revokeDevice(authorized.account.id, key: key, at: authorized.now)
        device.revokedAt = device.revokedAt ?? authorized.now
        device.hasSealedSecret = false
        return try Response.json(Self.info(device))
    }

    /// The owner or the device itself stores the device's sealed secret.
    @Sendable func putSealedSecret(_ request: Request, context: VaultRequestContext) async throws -> Response {
        let authorized = try await gate.authorize(
            request, context: context, roles: [.owner, .device], maxBody: VaultLimits.maxSealedSecretSize,
            contentType: VaultLimits.blobContentType)
        let key = try parseKey(context.parameters.get("device"), what: "the device key in the path")
        guard authorized.role == .owner || authorized.key == key else {
            throw VaultError(.forbidden, .forbidden, "a device may only store its own sealed secret")
        }
        guard let device = authorized.account.device(key), !device.isRevoked else {
            throw VaultError(.notFound, .deviceNotFound, "no active device with this key in this account")
        }
        try await gate.repository.setSealedSecret(authorized.account.id, deviceKey: key, authorized.body)
        return Response.noContent()
    }

    /// The owner or the device itself empties the slot (`casa-backupd unlock disable`); 204 even
    /// when it was empty, so a retried disable succeeds.
    @Sendable func deleteSealedSecret(_ request: Request, context: VaultRequestContext) async throws -> Response {
        let authorized = try await gate.authorize(request, context: context, roles: [.owner, .device])
        let key = try parseKey(context.parameters.get("device"), what: "the device key in the path")
        guard authorized.role == .owner || authorized.key == key else {
            throw VaultError(.forbidden, .forbidden, "a device may only clear its own sealed secret")
        }
        guard authorized.account.device(key) != nil else {
            throw VaultError(.notFound, .deviceNotFound, "no device with this key in this account")
        }
        try await gate.repository.clearSealedSecret(authorized.account.id, deviceKey: key)
        return Response.noContent()
    }

    /// Released only to that device, with a challenge, while the liveness heartbeat is recent.
    @Sendable func getSealedSecret(_ request: Request, context: VaultRequestContext) async throws -> Response {
        let authorized = try await gate.authorize(request, context: context, roles: [.device])
        let key = try parseKey(context.parameters.get("device"), what: "the device key in the path")
        guard authorized.key == key else {
            throw VaultError(.forbidden, .forbidden, "a sealed secret is released only to its own device")
        }
        guard case .challenge = authorized.opened.freshness else {
            throw VaultError(.unauthorized, .challengeRequired, "the sealed-secret release needs a server challenge: POST /v1/challenges, then sign with Casa-Freshness: c=<challenge>")
        }
        // Every release decision is logged for the operator (SECURITY.md, "What the owner sees").
        let who = "account \(authorized.account.id.hex.prefix(16))… device \(Hex.encode(key).prefix(16))…"
        guard authorized.account.releaseArmed(now: authorized.now) else {
            context.logger.notice("unlock share refused: release locked (no liveness heartbeat within the window), \(who)")
            throw VaultError(.vaultLocked, .releaseLocked, "release is locked: no liveness heartbeat within the owner's window; unlock the node by hand so its heartbeat re-arms the release")
        }
        guard let secret = try await gate.repository.sealedSecret(authorized.account.id, deviceKey: key) else {
            throw VaultError(.notFound, .notFound, "this device has no sealed secret stored")
        }
        if let wait = authorized.account.nodeAliveFor(now: authorized.now, quietMilliseconds: releaseQuietMilliseconds) {
            heldBack.record(authorized.account.id, HeldBackRelease(deviceKey: Hex.encode(key), at: authorized.now))
            context.logger.notice("unlock share held back: the account's node is alive, \(who)")
            throw VaultError(.vaultLocked, .nodeAlive,
                             "this account's node sent a liveness heartbeat moments ago: it is running and needs no unlock, so the share is not released (a copy of its disk must not get it); a node that rebooted gets it once it has been quiet for \(releaseQuietMilliseconds / 1000) s, or at once after a clean shutdown",
                             retryAfter: Int(wait))
        }
        context.logger.notice("unlock share released, \(who)")
        return Response(
            status: .ok, headers: [.contentType: VaultLimits.blobContentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: secret)))
    }

    static func validLabel(_ label: String) throws -> String {
        guard label.count <= DeviceRegistration.maxLabelLength, !label.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw VaultError(.badRequest, .badRequest, "a device label has at most \(DeviceRegistration.maxLabelLength) characters and no control characters")
        }
        return label
    }

    static func info(_ device: DeviceRecord) -> DeviceInfo {
        DeviceInfo(
            key: Hex.encode(device.key), label: device.label, createdAt: device.createdAt, revokedAt: device.revokedAt,
            lastSeenAt: device.lastSeenAt, hasSealedSecret: device.hasSealedSecret)
    }
}
