import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Sodium
import Codecs
import LightningTypes

/// The drill control API (plain HTTP on 127.0.0.1, JSON in and out; see docs/lnd-sim.md).
/// Errors are `{"error":"..."}` with status 400.
struct ControlDispatcher: Sendable {
    let simulator: Simulator

    func respond(to request: Request) async -> Response {
        var request = request
        let body = (try? await request.collectBody(upTo: 1 << 20)).map { Array($0.readableBytesView) } ?? []
        let input: JSONInput
        do {
            input = try JSONInput(body: body)
        } catch {
            return reply(.badRequest, .object([("error", .string("the body must be a JSON object"))]))
        }
        do {
            let result = try await handle(method: request.method.rawValue, path: request.uri.path, input: input)
            return reply(.ok, result)
        } catch let error as RPCError {
            return reply(.badRequest, .object([("error", .string(error.message))]))
        } catch {
            return reply(.badRequest, .object([("error", .string("\(error)"))]))
        }
    }

    private func reply(_ status: HTTPResponse.Status, _ value: JSONValue) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: value.serializedBytes() + [0x0a])))
    }

    private func handle(method: String, path: String, input: JSONInput) async throws -> JSONValue {
        let node = simulator.node
        switch (method, path) {
        case ("GET", "/status"):
            var status = await node.status()
            if case .object(var members) = status {
                members.append(("rest_port", .integer(Int64(await simulator.restPort ?? 0))))
                members.append(("admin_port", .integer(Int64(await simulator.adminPort ?? 0))))
                members.append(("start_failure", (await node.startFailure).map { .string($0) } ?? .null))
                status = .object(members)
            }
            return status
        case ("POST", "/restart"):
            try await simulator.restart()
        case ("POST", "/lock"):
            try await simulator.lock()
        case ("POST", "/stop"):
            await simulator.stopREST()
        case ("POST", "/start"):
            try await simulator.startREST()
        case ("POST", "/hold"):
            let name = try input.string("state")
            if name.isEmpty {
                await node.holdStartup(at: nil)
            } else {
                let state = WalletState(name: name.uppercased())
                guard state.number != nil else { throw SimulatedNode.ControlError("unknown state \(name)") }
                await node.holdStartup(at: state)
            }
        case ("POST", "/faults/stream"):
            let name = try input.string("fault")
            guard let fault = StreamFault(rawValue: name) else {
                throw SimulatedNode.ControlError("unknown stream fault \(name): use \(StreamFault.allCases.map(\.rawValue).joined(separator: " or "))")
            }
            return .object([("broken_streams", .integer(Int64(await node.injectStreamFault(fault))))])
        case ("POST", "/sync"):
            return await node.advanceChainSync(blocks: try input.has("blocks") ? input.uint32("blocks") : 1)
        case ("POST", "/mine"):
            let blocks = try input.has("blocks") ? input.uint32("blocks") : 1
            await node.mine(max(blocks, 1))
        case ("POST", "/peers"):
            let peer = try await node.createPeer(
                alias: input.has("alias") ? input.string("alias") : nil,
                implementation: input.has("implementation") ? input.string("implementation") : nil,
                host: input.has("host") ? input.string("host") : nil)
            return .object([("pubkey", .string(peer.pubkey)), ("alias", .string(peer.alias)), ("host", .string(peer.host))])
        case ("POST", "/peers/update"):
            let peer = try await node.updatePeer(
                input.string("peer"),
                online: input.has("online") ? input.bool("online") : nil,
                host: input.has("host") ? input.string("host") : nil,
                silent: input.has("silent") ? input.bool("silent") : nil)
            return .object([
                ("pubkey", .string(peer.pubkey)), ("host", .string(peer.host)),
                ("online", .bool(peer.online)), ("silent", .bool(peer.silent)),
            ])
        case ("POST", "/channels/open"):
            var request = SimulatedNode.OpenRequest()
            if input.has("peer") { request.peer = try input.string("peer") }
            if input.has("capacity") { request.capacity = try input.int64("capacity") }
            if input.has("local_balance") { request.localBalance = try input.int64("local_balance") }
            if input.has("type") {
                let name = try input.string("type")
                guard let type = SimulatedCommitmentType(rawValue: name) else {
                    throw SimulatedNode.ControlError(
                        "unknown channel type \(name); one of \(SimulatedCommitmentType.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                request.commitmentType = type
            }
            if input.has("private") { request.isPrivate = try input.bool("private") }
            if input.has("initiator") { request.initiator = try input.bool("initiator") }
            if input.has("pending") { request.pending = try input.bool("pending") }
            if input.has("close_tx_inputs") { request.closeTxInputs = try input.bool("close_tx_inputs") }
            let channel = try await node.openChannel(request)
            return .object([
                ("channel_point", .string(channel.channelPoint)), ("peer", .string(channel.remotePubkey)),
                ("phase", .string(channel.phase.rawValue)),
            ])
        case ("POST", "/channels/close"):
            let point = try input.string("channel_point")
            let by = input.has("by") ? try input.string("by") : "remote"
            let txid: String
            switch by {
            case "local": txid = try await node.forceClose(channelPoint: point)
            case "remote": txid = try await node.peerCloses(channelPoint: point, cooperative: false)
            case "cooperative": txid = try await node.peerCloses(channelPoint: point, cooperative: true)
            default: throw SimulatedNode.ControlError("`by` must be local, remote or cooperative")
            }
            return .object([("closing_txid", .string(txid))])
        case ("POST", "/channels/single-version"):
            let version = try input.uint32("version")
            guard version == UInt32(FutureSingle.version) else {
                throw SimulatedNode.ControlError("only version \(FutureSingle.version) (a Single version casa does not know) can be simulated")
            }
            let point = try input.string("channel_point")
            try await node.upgradeSingle(channelPoint: point)
            return .object([("channel_point", .string(point)), ("single_version", .integer(Int64(version)))])
        case ("POST", "/backups/churn"):
            let count = try input.uint32("count")
            guard count <= 10_000 else { throw SimulatedNode.ControlError("count must be at most 10000") }
            return .object([("updates", .integer(Int64(try await node.churnBackups(count: Int(count)))))])
        case ("POST", "/data/corrupt"), ("POST", "/data/delete"):
            let name = try input.string("target")
            guard let target = Simulator.DataTarget(rawValue: name) else {
                throw SimulatedNode.ControlError(
                    "unknown target \(name); one of \(Simulator.DataTarget.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let path = path == "/data/corrupt" ? try await simulator.corrupt(target) : try await simulator.delete(target)
            return .object([("path", .string(path))])
        case ("POST", "/macaroon"):
            let permissions = try input.strings("permissions").map { text throws -> MacaroonOperation in
                guard let permission = MacaroonOperation(parsing: text) else {
                    throw SimulatedNode.ControlError("permission \(text) must be entity:action, e.g. uri:/lnrpc.Lightning/GetInfo")
                }
                return permission
            }
            let macaroon = try await node.bakeForControl(permissions)
            return .object([("macaroon", .string(Hex.encode(macaroon)))])
        default:
            throw SimulatedNode.ControlError("unknown control request \(method) \(path) (see docs/lnd-sim.md)")
        }
        return .object([("state", .string(await node.walletState.name))])
    }
}
