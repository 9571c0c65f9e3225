import BlobStorage
import Hummingbird
import Sodium
import VaultAPI
import Codecs

/// Accounts, policy and heartbeats (docs/vault-api.md "Routes").
struct AccountController: Sendable {
    let gate: RequestGate
    let creationGate: AccountCreationGate
    let limits: BlobStoreLimits
    /// `release_quiet_seconds` (a stopping heartbeat is recorded this far back).
    let releaseQuietMilliseconds: Int64
    let heldBack: HeldBackReleases

    func addRoutes(to router: Router<VaultRequestContext>) {
        let account = "/v1/accounts/:account"
        router.put(RouterPath(account), use: create)
        router.get(RouterPath(account), use: show)
        router.put(RouterPath(account + "/policy"), use: setPolicy)
        router.post(RouterPath(account + "/heartbeats"), use: heartbeat)
    }

    /// The owner creates the account (201) or updates its liveness key (200).
    @Sendable func create(_ request: Request, context: VaultRequestContext) async throws -> Response {
        let id = try RequestGate.accountID(context)
        try RequestGate.checkQuery(request, allowed: [])
        // Before the body is read: the claimed key must be the account's owner (review M6). The
        // signature, verified next with this same key, covers the body.
        guard AccountID(bytes: SHA256.hash(AccountID.preimage(ownerKey: try RequestGate.claimedKey(request, now: gate.clock.milliseconds())))) == id else {
            throw VaultError(.forbidden, .accountMismatch, "the account id must be the commitment to the signing (owner) key: hex(SHA-256(\"casa-vault/account/v1\" || key))")
        }
        // The operator's gate, also before the body; an existing account's owner needs no invite.
        var work: AccountCreationGate.Work?
        if try await gate.repository.account(id) == nil {
            work = try creationGate.check(request, account: id, now: gate.clock.milliseconds())
            try await creationGate.checkRoom(gate.repository)
        }
        let opened = try await gate.open(request, maxBody: VaultLimits.maxJSONBodySize, contentType: VaultLimits.jsonContentType)
        try await creationGate.spend(work, now: opened.now)
        let body = try decodeJSON(CreateAccountRequest.self, from: opened.body)
        let liveness = try parseKey(body.livenessKey, what: "livenessKey")
        guard liveness != opened.key else {
            throw VaultError(.badRequest, .invalidKey, "the liveness key must differ from the owner key")
        }
        var devices: [DeviceRecord] = []
        if let device = body.device {
            let key = try parseKey(device.key, what: "device.key")
            guard key != opened.key, key != liveness else {
                throw VaultError(.badRequest, .invalidKey, "a device key must differ from the owner and liveness keys")
            }
            devices.append(DeviceRecord(key: key, label: try DeviceController.validLabel(device.label), createdAt: opened.now))
        }
        let record = AccountRecord(id: id, ownerKey: opened.key, livenessKey: liveness, createdAt: opened.now, devices: devices)
        if try await gate.repository.createAccount(record) {
            return try Response.json(response(record, role: .owner, now: opened.now), status: .created)
        }
        guard let existing = try await gate.repository.account(id) else {
            throw VaultError(.serviceUnavailable, .unavailable, "the account changed concurrently; try again", retryAfter: 1)
        }
        guard !existing.disabled else {
            throw VaultError(.forbidden, .accountDisabled, "this account was disabled by the vault operator")
        }
        if let device = devices.first, existing.device(device.key) == nil {
            throw VaultError(.conflict, .accountExists, "the account exists: register further devices with PUT /v1/accounts/{account}/devices/{key}")
        }
        try await gate.repository.setLivenessKey(id, liveness)
        var updated = existing
        updated.livenessKey = liveness
        return try Response.json(response(updated, role: .owner, now: opened.now))
    }

    @Sendable func show(_ request: Request, context: VaultRequestContext) async throws -> Response {
        let authorized = try await gate.authorize(request, context: context, roles: Role.readers)
        var shown = response(authorized.account, role: authorized.role, now: authorized.now)
        // The owner sees what each device uploaded: junk from a stolen key shows here.
        if authorized.role == .owner {
            var usedBytes: [String: Int64] = [:]
            for (key, bytes) in try await gate.repository.deviceUsage(authorized.account.id) { usedBytes[Hex.encode(key)] = bytes }
            shown.deviceUsedBytes = usedBytes
        }
        return try Response.json(shown)
    }

    @Sendable func setPolicy(_ request: Request, context: VaultRequestContext) async throws -> Response {
        let authorized = try await gate.authorize(
            request, context: context, roles: [.owner], maxBody: VaultLimits.maxJSONBodySize, contentType: VaultLimits.jsonContentType)
        let policy = try decodeJSON(AccountPolicy.self, from: authorized.body)
        if let problem = policy.problem { throw VaultError(.badRequest, .badRequest, problem) }
        try await gate.repository.setPolicy(authorized.account.id, policy)
        var account = authorized.account
        account.policy = policy
        return try Response.json(response(account, role: .owner, now: authorized.now))
    }

    /// Liveness heartbeats arm the sealed-secret release; device heartbeats only record "last seen".
    /// `?state=stopping` (liveness only): the node is shutting down cleanly; the heartbeat is
    /// recorded `release_quiet_seconds` back, so the release stays armed but the node no longer
    /// counts as running, and its own reboot is unlocked at once (docs/vault-api.md "Heartbeats").
    @Sendable func heartbeat(_ request: Request, context: VaultRequestContext) async throws -> Response {
        let authorized = try await gate.authorize(request, context: context, roles: [.liveness, .device], query: ["state"])
        let stopping: Bool
        switch request.uri.queryParameters.get("state") {
        case nil: stopping = false
        case "stopping": stopping = true
        default: throw VaultError(.badRequest, .badRequest, "state takes only the value stopping")
        }
        var account = authorized.account
        if authorized.role == .liveness {
            let at = stopping ? authorized.now - releaseQuietMilliseconds : authorized.now
            try await gate.repository.recordHeartbeat(account.id, at: at)
            account.lastHeartbeatAt = at
        } else {
            try await gate.repository.recordDeviceSeen(account.id, key: authorized.key, at: authorized.now)
        }
        return try Response.json(HeartbeatResponse(
            kind: authorized.role == .liveness ? "liveness" : "device", receivedAt: authorized.now,
            releaseArmed: account.releaseArmed(now: authorized.now),
            heldBackReleases: authorized.role == .liveness ? heldBack.take(account.id) : []))
    }

    func response(_ account: AccountRecord, role: Role, now: Int64) -> AccountResponse {
        var warnings: [String] = []
        if account.usedBytes * 10 >= limits.quotaBytes * 9 {
            warnings.append("quota \(account.usedBytes * 100 / max(limits.quotaBytes, 1))% full: new puts fail when it is full; delete old versions or ask the operator for more")
        }
        if account.devices.contains(where: { !$0.isRevoked }) && account.lastHeartbeatAt == nil {
            warnings.append("no liveness heartbeat yet: sealed secrets stay locked")
        }
        return AccountResponse(
            account: account.id.hex, ownerKey: Hex.encode(account.ownerKey), livenessKey: Hex.encode(account.livenessKey),
            createdAt: account.createdAt, disabled: account.disabled, usedBytes: account.usedBytes, quotaBytes: limits.quotaBytes,
            maxBlobSize: limits.maxBlobSize, policy: account.policy, lastHeartbeatAt: account.lastHeartbeatAt,
            releaseArmed: account.releaseArmed(now: now),
            devices: role == .owner ? account.devices.map(DeviceController.info) : nil, warnings: warnings,
            deviceQuotaBytes: limits.deviceQuota)
    }
}
