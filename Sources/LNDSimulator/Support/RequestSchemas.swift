/// The request messages of the REST calls with a JSON body (lnd's lightning.proto,
/// walletunlocker.proto, signer.proto at 90ea05d5), keyed by gRPC method.
enum RequestSchemas {
    static let channelPoint = RequestSchema(["funding_txid_bytes": nil, "funding_txid_str": nil, "output_index": nil])
    static let channelBackups = RequestSchema(["chan_backups": RequestSchema(["chan_point": channelPoint, "chan_backup": nil])])
    static let multiChanBackup = RequestSchema(["chan_points": channelPoint, "multi_chan_backup": nil])
    static let chanBackupSnapshot = RequestSchema(["single_chan_backups": channelBackups, "multi_chan_backup": multiChanBackup])
    static let keyLocator = RequestSchema(["key_family": nil, "key_index": nil])
    static let watchOnly = RequestSchema([
        "master_key_birthday_timestamp": nil, "master_key_fingerprint": nil,
        "accounts": RequestSchema(["purpose": nil, "coin_type": nil, "account": nil, "xpub": nil]),
    ])

    static let byMethod: [String: RequestSchema] = [
        "/lnrpc.WalletUnlocker/InitWallet": RequestSchema([
            "wallet_password": nil, "cipher_seed_mnemonic": nil, "aezeed_passphrase": nil, "recovery_window": nil,
            "channel_backups": chanBackupSnapshot, "stateless_init": nil, "extended_master_key": nil,
            "extended_master_key_birthday_timestamp": nil, "watch_only": watchOnly, "macaroon_root_key": nil,
        ]),
        "/lnrpc.WalletUnlocker/UnlockWallet": RequestSchema([
            "wallet_password": nil, "recovery_window": nil, "channel_backups": chanBackupSnapshot, "stateless_init": nil,
        ]),
        "/lnrpc.Lightning/VerifyChanBackup": chanBackupSnapshot,
        "/lnrpc.Lightning/RestoreChannelBackups": RequestSchema(["chan_backups": channelBackups, "multi_chan_backup": nil]),
        "/lnrpc.Lightning/ConnectPeer": RequestSchema(["addr": RequestSchema(["pubkey": nil, "host": nil]), "perm": nil, "timeout": nil]),
        "/lnrpc.Lightning/BakeMacaroon": RequestSchema([
            "permissions": RequestSchema(["entity": nil, "action": nil]), "root_key_id": nil, "allow_external_permissions": nil,
        ]),
        "/signrpc.Signer/DeriveSharedKey": RequestSchema([
            "ephemeral_pubkey": nil, "key_loc": keyLocator,
            "key_desc": RequestSchema(["raw_key_bytes": nil, "key_loc": keyLocator]),
        ]),
    ]

    /// Decodes the body as lnd's gateway does before the call reaches lnd: syntax, then fields.
    static func check(method: String, body: [UInt8]) throws(RPCError) {
        guard let schema = byMethod[method] else { return }
        let input = try JSONInput(body: body)
        try schema.check(input.members, body: body)
    }
}
