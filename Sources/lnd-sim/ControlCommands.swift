import ArgumentParser
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Where a running simulator's control port is: --admin-port, or the port file in --lnddir.
struct ControlTarget: ParsableArguments {
    @Option(name: .customLong("admin-port"), help: "Control port of the running simulator.") var adminPort: Int?
    @Option(help: "lnd directory of the running simulator (its control port is recorded there).") var lnddir: String?

    func port() throws -> Int {
        if let adminPort { return adminPort }
        guard let lnddir else { throw ValidationError("give --admin-port or --lnddir of the running simulator") }
        let file = URL(fileURLWithPath: lnddir).appendingPathComponent("lnd-sim-admin-port")
        guard let text = try? String(contentsOf: file, encoding: .utf8), let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ValidationError("no running simulator found in \(lnddir) (missing \(file.path)); give --admin-port")
        }
        return port
    }

    /// POSTs (or GETs) a JSON body to the control API and prints the JSON answer.
    func call(_ method: String, _ path: String, _ body: [String: Any] = [:]) async throws {
        let url = URL(string: "http://127.0.0.1:\(try port())\(path)")!
        var request = URLRequest(url: url)
        request.httpMethod = method
        if method == "POST" {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let text = String(decoding: data, as: UTF8.self)
        guard let http = response as? HTTPURLResponse, http.statusCode == 200 else {
            throw ControlFailure(message: text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        print(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

struct ControlFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { "lnd-sim: \(message)" }
}

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the simulator's state, channels and peers (JSON).")
    @OptionGroup var target: ControlTarget
    func run() async throws { try await target.call("GET", "/status") }
}

struct Restart: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Restart the simulated lnd (REST goes down, comes back LOCKED, auto-unlocks if configured).")
    @OptionGroup var target: ControlTarget
    func run() async throws { try await target.call("POST", "/restart") }
}

struct Lock: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Restart and stay LOCKED (ignore the password file once).")
    @OptionGroup var target: ControlTarget
    func run() async throws { try await target.call("POST", "/lock") }
}

struct Stop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Stop the REST server (lnd is down; the control port stays).")
    @OptionGroup var target: ControlTarget
    func run() async throws { try await target.call("POST", "/stop") }
}

struct Start: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the REST server again after `stop`.")
    @OptionGroup var target: ControlTarget
    func run() async throws { try await target.call("POST", "/start") }
}

struct Hold: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Hold start-up at a state (UNLOCKED or RPC_ACTIVE); no argument releases it.")
    @OptionGroup var target: ControlTarget
    @Argument var state: String = ""
    func run() async throws { try await target.call("POST", "/hold", ["state": state]) }
}

struct Sync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Let the wallet's chain sync (RPC_ACTIVE) scan N more blocks at once.")
    @OptionGroup var target: ControlTarget
    @Argument var blocks: Int = 1
    func run() async throws { try await target.call("POST", "/sync", ["blocks": blocks]) }
}

struct Mine: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Mine blocks: confirms opens and closes, matures force closes.")
    @OptionGroup var target: ControlTarget
    @Argument var blocks: Int = 1
    func run() async throws { try await target.call("POST", "/mine", ["blocks": blocks]) }
}

struct AddPeer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add-peer", abstract: "Add a simulated peer.")
    @OptionGroup var target: ControlTarget
    @Option var alias: String?
    @Option(help: "Claimed implementation, e.g. \"cln v24.08\".") var implementation: String?
    @Option(help: "host:port it listens on.") var host: String?
    func run() async throws {
        var body: [String: Any] = [:]
        if let alias { body["alias"] = alias }
        if let implementation { body["implementation"] = implementation }
        if let host { body["host"] = host }
        try await target.call("POST", "/peers", body)
    }
}

struct Peer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Change a simulated peer: offline, online, move HOST:PORT, silent (ignores data-loss reestablish), responsive.")
    @OptionGroup var target: ControlTarget
    @Argument(help: "offline | online | move | silent | responsive") var action: String
    @Argument(help: "Peer pubkey, alias or unique pubkey prefix.") var peer: String
    @Argument(help: "New host:port for `move`.") var host: String?
    func run() async throws {
        var body: [String: Any] = ["peer": peer]
        switch action {
        case "offline": body["online"] = false
        case "online": body["online"] = true
        case "silent": body["silent"] = true
        case "responsive": body["silent"] = false
        case "move":
            guard let host else { throw ValidationError("move needs the new host:port") }
            body["host"] = host
        default: throw ValidationError("unknown action \(action)")
        }
        try await target.call("POST", "/peers/update", body)
    }
}

struct OpenChannel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open-channel", abstract: "Open a channel with a simulated peer.")
    @OptionGroup var target: ControlTarget
    @Option(help: "Peer pubkey or alias (a new peer when omitted).") var peer: String?
    @Option var capacity: Int64 = 1_000_000
    @Option(name: .customLong("local-balance")) var localBalance: Int64?
    @Option(help: "legacy, static-remote-key, anchors, anchors-zero-fee-htlc, script-enforced-lease, simple-taproot, taproot-overlay, taproot")
    var type: String = "anchors-zero-fee-htlc"
    @Flag(name: .customLong("private")) var isPrivate = false
    @Flag(name: .customLong("remote-initiator")) var remoteInitiator = false
    @Flag(help: "Leave it pending (no confirmation) until `mine`.") var pending = false
    @Flag(name: .customLong("no-close-tx-inputs"), help: "Write Singles like lnd before 0.19 (no CloseTxInputs).") var noCloseTxInputs = false
    func run() async throws {
        var body: [String: Any] = [
            "capacity": capacity, "type": type, "private": isPrivate, "initiator": !remoteInitiator,
            "pending": pending, "close_tx_inputs": !noCloseTxInputs,
        ]
        if let peer { body["peer"] = peer }
        if let localBalance { body["local_balance"] = localBalance }
        try await target.call("POST", "/channels/open", body)
    }
}

struct SingleVersion: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "single-version",
        abstract: "Write a channel's Single in a version casa does not know (8), as a newer lnd would.")
    @OptionGroup var target: ControlTarget
    @Argument var channelPoint: String
    @Option var version: Int = 8
    func run() async throws {
        try await target.call("POST", "/channels/single-version", ["channel_point": channelPoint, "version": version])
    }
}

struct CloseChannel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close-channel", abstract: "Close a channel (txid:index).")
    @OptionGroup var target: ControlTarget
    @Argument var channelPoint: String
    @Option(help: "local (our force close), remote (the peer force-closes) or cooperative.") var by: String = "remote"
    func run() async throws { try await target.call("POST", "/channels/close", ["channel_point": channelPoint, "by": by]) }
}

struct Corrupt: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Flip a byte in channel.backup, wallet.db, channel.db, tls or macaroons.")
    @OptionGroup var target: ControlTarget
    @Argument var file: String
    func run() async throws { try await target.call("POST", "/data/corrupt", ["target": file]) }
}

struct Delete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Delete channel.backup, wallet.db, channel.db, tls, macaroons or all (the whole lnd dir).")
    @OptionGroup var target: ControlTarget
    @Argument var what: String
    func run() async throws { try await target.call("POST", "/data/delete", ["target": what]) }
}

struct BakeMacaroon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bake-macaroon",
        abstract: "Bake a macaroon, e.g. uri:/lnrpc.Lightning/ExportAllChannelBackups offchain:read (prints JSON with the hex).")
    @OptionGroup var target: ControlTarget
    @Argument var permissions: [String]
    @Option(name: .customLong("save-to"), help: "Write the binary macaroon to this file (0600).") var saveTo: String?
    func run() async throws {
        guard let saveTo else {
            try await target.call("POST", "/macaroon", ["permissions": permissions])
            return
        }
        let url = URL(string: "http://127.0.0.1:\(try target.port())/macaroon")!
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = try JSONSerialization.data(withJSONObject: ["permissions": permissions])
        let (data, _) = try await URLSession.shared.data(for: request)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any], let hex = object["macaroon"] as? String else {
            throw ControlFailure(message: String(decoding: data, as: UTF8.self))
        }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex), let byte = UInt8(hex[index..<next], radix: 16) {
            bytes.append(byte)
            index = next
        }
        FileManager.default.createFile(atPath: saveTo, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
        print("saved to \(saveTo)")
    }
}
