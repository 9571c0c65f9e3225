extension VaultConfiguration {
    /// The response key this configuration names: `response_key_file`, else `response-key` next
    /// to the SQLite database (made at first start), else (memory) one for this process only.
    /// With PostgreSQL the file must exist already: `validate()` requires it to be named.
    public func loadResponseKey() throws -> VaultResponseKey {
        switch (responseKeyFile, storage) {
        case (let path?, .postgres):
            return try VaultResponseKey.load(path: path, create: false)
        case (let path?, _):
            return try VaultResponseKey.load(path: path, create: true)
        case (nil, .sqlite(let directory)):
            return try VaultResponseKey.load(path: directory + "/response-key", create: true)
        case (nil, .memory), (nil, .postgres):
            return try VaultResponseKey.ephemeral()
        }
    }
}
