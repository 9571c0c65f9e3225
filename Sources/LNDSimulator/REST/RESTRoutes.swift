/// The lnd REST endpoints the simulator serves, with lnd's permissions (docs/lnd.md §3.2).
enum RESTRoutes {
    static let offchainRead = [MacaroonOperation("offchain", "read")]
    static let offchainWrite = [MacaroonOperation("offchain", "write")]
    static let infoRead = [MacaroonOperation("info", "read")]

    static let all: [RESTRoute] = [
        // State and WalletUnlocker: no macaroon.
        RESTRoute("GET", "/v1/state", "/lnrpc.State/GetState", [], service: .state) { _, node in
            .message(await node.stateMessage(node.walletState))
        },
        RESTRoute("GET", "/v1/state/subscribe", "/lnrpc.State/SubscribeState", [], service: .state, stream: true) { _, node in
            .stream(await node.subscribeState())
        },
        RESTRoute("GET", "/v1/genseed", "/lnrpc.WalletUnlocker/GenSeed", [], service: .walletUnlocker) { request, node throws(RPCError) in
            .message(try await node.genSeed(passphrase: request.queryBytes("aezeed_passphrase"), entropy: request.queryBytes("seed_entropy")))
        },
        RESTRoute("POST", "/v1/initwallet", "/lnrpc.WalletUnlocker/InitWallet", [], service: .walletUnlocker) { request, node throws(RPCError) in
            .message(try await node.initWallet(JSONInput(body: request.body)))
        },
        RESTRoute("POST", "/v1/unlockwallet", "/lnrpc.WalletUnlocker/UnlockWallet", [], service: .walletUnlocker) { request, node throws(RPCError) in
            .message(try await node.unlockWallet(JSONInput(body: request.body)))
        },
        // Lightning.
        RESTRoute("GET", "/v1/getinfo", "/lnrpc.Lightning/GetInfo", infoRead) { _, node in
            .message(await node.getInfo())
        },
        RESTRoute("GET", "/v1/channels", "/lnrpc.Lightning/ListChannels", offchainRead) { request, node throws(RPCError) in
            .message(try await node.listChannels(
                activeOnly: request.queryBool("active_only"), inactiveOnly: request.queryBool("inactive_only"),
                publicOnly: request.queryBool("public_only"), privateOnly: request.queryBool("private_only"),
                peer: request.queryBytes("peer")))
        },
        RESTRoute("GET", "/v1/channels/pending", "/lnrpc.Lightning/PendingChannels", offchainRead) { _, node in
            .message(await node.pendingChannels())
        },
        RESTRoute("GET", "/v1/channels/closed", "/lnrpc.Lightning/ClosedChannels", offchainRead) { request, node throws(RPCError) in
            var filter = SimulatedNode.ClosedFilter()
            filter.cooperative = try request.queryBool("cooperative")
            filter.localForce = try request.queryBool("local_force")
            filter.remoteForce = try request.queryBool("remote_force")
            let breach = try request.queryBool("breach")
            let fundingCanceled = try request.queryBool("funding_canceled")
            let abandoned = try request.queryBool("abandoned")
            filter.others = breach || fundingCanceled || abandoned
            return .message(await node.closedChannels(filter))
        },
        RESTRoute("GET", "/v1/channels/backup", "/lnrpc.Lightning/ExportAllChannelBackups", offchainRead) { _, node throws(RPCError) in
            .message(try await node.exportAllChannelBackups())
        },
        RESTRoute(
            "GET", "/v1/channels/backup/{chan_point.funding_txid_str}/{chan_point.output_index}",
            "/lnrpc.Lightning/ExportChannelBackup", offchainRead
        ) { request, node throws(RPCError) in
            .message(try await node.exportChannelBackup(
                txid: request.pathParameters["chan_point.funding_txid_str"] ?? "",
                outputIndex: request.pathUInt32("chan_point.output_index")))
        },
        RESTRoute("POST", "/v1/channels/backup/verify", "/lnrpc.Lightning/VerifyChanBackup", offchainRead) { request, node throws(RPCError) in
            .message(try await node.verifyChanBackup(JSONInput(body: request.body)))
        },
        RESTRoute(
            "POST", "/v1/channels/backup/restore", "/lnrpc.Lightning/RestoreChannelBackups", offchainWrite, needsServer: true
        ) { request, node throws(RPCError) in
            .message(try await node.restoreChannelBackups(JSONInput(body: request.body)))
        },
        RESTRoute(
            "GET", "/v1/channels/backup/subscribe", "/lnrpc.Lightning/SubscribeChannelBackups", offchainRead, stream: true
        ) { _, node in
            .stream(await node.subscribeChannelBackups())
        },
        RESTRoute(
            "DELETE", "/v1/channels/{channel_point.funding_txid_str}/{channel_point.output_index}",
            "/lnrpc.Lightning/CloseChannel", [MacaroonOperation("onchain", "write"), MacaroonOperation("offchain", "write")],
            needsServer: true, stream: true
        ) { request, node throws(RPCError) in
            var fees = false
            for name in ["sat_per_byte", "sat_per_vbyte", "max_fee_per_vbyte", "target_conf"] where try request.queryInt64(name) != 0 {
                fees = true
            }
            return .stream(try await node.closeChannel(
                txid: request.pathParameters["channel_point.funding_txid_str"] ?? "",
                outputIndex: request.pathUInt32("channel_point.output_index"),
                force: request.queryBool("force"), feeFieldsSet: fees))
        },
        RESTRoute("GET", "/v1/graph/node/{pub_key}", "/lnrpc.Lightning/GetNodeInfo", infoRead) { request, node throws(RPCError) in
            .message(try await node.getNodeInfo(pubkey: request.pathParameters["pub_key"] ?? ""))
        },
        RESTRoute("GET", "/v1/peers", "/lnrpc.Lightning/ListPeers", [MacaroonOperation("peers", "read")]) { _, node in
            .message(await node.listPeers())
        },
        // D16: ConnectPeer needs a started server (rpcserver.go:1830-1897, ErrServerNotActive).
        RESTRoute("POST", "/v1/peers", "/lnrpc.Lightning/ConnectPeer", [MacaroonOperation("peers", "write")], needsServer: true) { request, node throws(RPCError) in
            .message(try await node.connectPeer(JSONInput(body: request.body)))
        },
        RESTRoute("POST", "/v1/macaroon", "/lnrpc.Lightning/BakeMacaroon", [MacaroonOperation("macaroon", "generate")]) { request, node throws(RPCError) in
            .message(try await node.bakeMacaroon(JSONInput(body: request.body)))
        },
        // Signer.
        RESTRoute(
            "POST", "/v2/signer/sharedkey", "/signrpc.Signer/DeriveSharedKey", [MacaroonOperation("signer", "generate")],
            service: .signer
        ) { request, node throws(RPCError) in
            .message(try await node.deriveSharedKey(JSONInput(body: request.body)))
        },
    ]

    /// gRPC methods a `uri:` permission may name (lnd checks against every registered method;
    /// the simulator knows the ones it serves plus the common read-only ones).
    static let knownMethods: Set<String> = Set(all.map(\.fullMethod)).union([
        "/lnrpc.Lightning/ListInvoices", "/lnrpc.Lightning/WalletBalance", "/lnrpc.Lightning/ChannelBalance",
        "/lnrpc.Lightning/DescribeGraph", "/lnrpc.Lightning/SubscribeChannelEvents",
        "/lnrpc.Lightning/OpenChannel", "/lnrpc.Lightning/OpenChannelSync", "/lnrpc.Lightning/DisconnectPeer",
        "/lnrpc.Lightning/ListMacaroonIDs", "/lnrpc.Lightning/ListPermissions", "/lnrpc.Lightning/CheckMacaroonPermissions",
    ])
}
