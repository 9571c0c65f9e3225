import BlobStorage
import Hummingbird
import Sodium
import VaultAPI

/// The operator's gate on opening accounts (`account_creation`, docs/vault-api.md "Opening an
/// account"). Checked before the request body is read; an existing account's owner passes
/// without it (updating the liveness key is no new account).
struct AccountCreationGate: Sendable {
    let rule: AccountCreation
    /// SHA-256 of each valid invite token (tokens stay valid until the operator removes them).
    let inviteHashes: Set<[UInt8]>
    let workBits: Int
    /// `max_accounts` (0: no limit).
    let maxAccounts: Int
    let challenges: ChallengeIssuer
    let replayGuard: any ReplayGuard

    /// A proof of work that checked out, to be spent once the request's signature verified.
    struct Work: Sendable {
        let token: String
        let expiresAt: Int64
    }

    /// Refuses a new account when the vault is full (`max_accounts`).
    func checkRoom(_ repository: any VaultRepository) async throws {
        guard maxAccounts > 0, try await repository.totals().accounts >= maxAccounts else { return }
        throw VaultError(.vaultInsufficientStorage, .vaultFull, "this vault opens no more accounts (max_accounts): ask its operator")
    }

    /// Refuses a new account that lacks what the rule asks; returns the proof of work to spend.
    func check(_ request: Request, account: AccountID, now: Int64) throws -> Work? {
        switch rule {
        case .open:
            return nil
        case .invite:
            guard let token = request.headers[.casaInvite], inviteHashes.contains(SHA256.hash(Array(token.utf8))) else {
                throw VaultError(.forbidden, .inviteRequired,
                                 "this vault opens accounts by invitation only: send the operator's invite token in \(VaultHeader.invite)")
            }
            return nil
        case .pow:
            return try checkWork(request.headers[.casaWork], account: account, now: now)
        }
    }

    /// Spends a proof of work once (after the signature verified, so nobody can burn another's).
    func spend(_ work: Work?, now: Int64) async throws {
        guard let work else { return }
        guard try await replayGuard.consume(work.token, expiresAt: work.expiresAt, now: now) else {
            throw workRequired("this proof of work was already used: get a new challenge and solve it again")
        }
    }

    private func checkWork(_ header: String?, account: AccountID, now: Int64) throws -> Work {
        guard let header, let colon = header.firstIndex(of: ":") else {
            throw workRequired("send \(VaultHeader.work): <challenge>:<counter>")
        }
        let challenge = String(header[..<colon]).lowercased()
        let counter = String(header[header.index(after: colon)...])
        guard (1...AccountCreationWork.maximumCounterDigits).contains(counter.utf8.count), counter.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw workRequired("the counter in \(VaultHeader.work) must be 1 to 20 decimal digits")
        }
        guard let issuedAt = challenges.verify(challenge, now: now) else {
            throw workRequired("the challenge in \(VaultHeader.work) is unknown or expired: get a new one from POST /v1/challenges")
        }
        let digest = SHA256.hash(AccountCreationWork.message(challenge: challenge, account: account, counter: counter))
        guard AccountCreationWork.leadingZeroBits(digest) >= workBits else {
            throw workRequired("the proof of work is too weak")
        }
        return Work(token: "w:" + challenge, expiresAt: issuedAt + challenges.ttlMilliseconds)
    }

    private func workRequired(_ detail: String) -> VaultError {
        VaultError(.forbidden, .workRequired,
                   "opening an account needs a proof of work of \(workBits) bits: \(detail) (docs/vault-api.md \"Opening an account\")")
    }

}
