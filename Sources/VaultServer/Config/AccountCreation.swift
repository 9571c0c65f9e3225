/// Who may open an account (`account_creation`, review M6): without a gate anyone can open
/// accounts without limit, and each gets a full quota of the vault's disk.
public enum AccountCreation: String, Sendable, Hashable, CaseIterable {
    /// Anyone (the client needs nothing more); for a vault only trusted people can reach.
    case open
    /// A token the operator gave out (`Casa-Invite`), checked against `invite_token_hashes`.
    case invite
    /// A hashcash-style proof of work over a server challenge (`Casa-Work`), `pow_bits` hard.
    case pow
}
