import Foundation
public import LightningWire
public import Secp256k1
import LightningTypes

/// Asks a channel's peer to force-close it, the way chantools' `triggerforceclose` does
/// (docs/force-close.md, "chantools triggerforceclose"):
///
/// 1. connect, exchange init, send `channel_reestablish` with both numbers zero, listen, hang up;
/// 2. reconnect, exchange init, send `error` for the channel, listen, hang up;
/// 3. optionally repeat step 2 while a `FundingSpendChecker` sees no spend.
///
/// It only ever sends what the protocol requires: our node id (the handshake), a minimal init,
/// and the channel id. Nothing here throws: every failure ends up in the report.
public struct ForceCloseTrigger: Sendable {
    public enum ReestablishForm: String, Sendable, Codable {
        /// The 48-byte form without data-loss-protection fields, exactly as chantools sends.
        case legacy
        /// The full 113-byte form with a zero secret and the point G (current spec).
        case withDataLossFields
    }

    public struct Options: Sendable {
        public var route: ConnectionRoute
        public var timeouts: PeerTimeouts
        /// How long to listen for the peer's answer after each message (chantools: 5 s). An error
        /// or warning for the channel ends the wait early.
        public var listen: Duration
        public var reestablishForm: ReestablishForm
        /// The error's data: empty like chantools (reveals nothing). Never end it in "internal error",
        /// which CLN downgrades to a transient error.
        public var errorData: [UInt8]
        /// Extra error rounds when a spend checker says the funding output is still unspent.
        public var errorRetries: Int
        /// Pause before each extra error round.
        public var retryPause: Duration
        public var spendChecker: (any FundingSpendChecker)?
        public var features: FeatureBits

        public init(route: ConnectionRoute = .direct, timeouts: PeerTimeouts = PeerTimeouts(), listen: Duration = .seconds(5),
                    reestablishForm: ReestablishForm = .legacy, errorData: [UInt8] = [], errorRetries: Int = 0,
                    retryPause: Duration = .seconds(5), spendChecker: (any FundingSpendChecker)? = nil,
                    features: FeatureBits = .minimalPeer) {
            self.route = route
            self.timeouts = timeouts
            self.listen = listen
            self.reestablishForm = reestablishForm
            self.errorData = errorData
            self.errorRetries = errorRetries
            self.retryPause = retryPause
            self.spendChecker = spendChecker
            self.features = features
        }
    }

    /// Progress for a UI: which channel, and what just happened.
    public struct Event: Sendable {
        public let channel: String
        public let message: String
    }

    private let nodeKey: PrivateKey
    public let options: Options

    /// - Parameter nodeKey: our node's identity key (key family 6, index 0): the peer only
    ///   acts on these messages from the channel's counterparty.
    public init(nodeKey: PrivateKey, options: Options = Options()) {
        self.nodeKey = nodeKey
        self.options = options
    }

    /// Runs the sequence for each request in turn.
    public func run(_ requests: [ForceCloseRequest], progress: (@Sendable (Event) -> Void)? = nil) -> [ChannelTriggerReport] {
        requests.map { run($0, progress: progress) }
    }

    /// The same, off the caller's thread (the work is blocking socket I/O).
    public func run(_ requests: [ForceCloseRequest], progress: (@Sendable (Event) -> Void)? = nil) async -> [ChannelTriggerReport] {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: self.run(requests, progress: progress)) }.start()
        }
    }

    /// Runs the sequence for one channel.
    public func run(_ request: ForceCloseRequest, progress: (@Sendable (Event) -> Void)? = nil) -> ChannelTriggerReport {
        let say: (String) -> Void = { progress?(Event(channel: request.label, message: $0)) }
        var steps: [TriggerStepReport] = []
        var preferred: PeerAddress?

        let reestablish = ChannelReestablish.dataLossTrigger(channelID: request.channelID,
                                                             withDataLossFields: options.reestablishForm == .withDataLossFields)
        let first = step(.reestablish, message: .channelReestablish(reestablish), request: request, preferred: nil, say: say)
        steps.append(first.report)
        preferred = first.used

        let error = WireMessage.error(ErrorMessage(channelID: request.channelID, data: options.errorData))
        var spent = options.spendChecker?.isFundingSpent(request)
        var round = 0
        while spent != true && round <= options.errorRetries {
            if round > 0 { Thread.sleep(forTimeInterval: Self.seconds(options.retryPause)) }
            let next = step(.error, message: error, request: request, preferred: preferred, say: say)
            steps.append(next.report)
            preferred = next.used ?? preferred
            spent = options.spendChecker?.isFundingSpent(request)
            round += 1
            if options.spendChecker == nil { break }
        }
        let report = Self.classify(request: request, steps: steps, spent: spent)
        say("outcome: \(report.outcome.rawValue)")
        return report
    }

    private func step(_ kind: TriggerStepReport.Kind, message: WireMessage, request: ForceCloseRequest,
                      preferred: PeerAddress?, say: (String) -> Void) -> (report: TriggerStepReport, used: PeerAddress?) {
        var report = TriggerStepReport(kind: kind)
        var connection: PeerConnection?
        var used: PeerAddress?
        for address in orderedAddresses(request.addresses, preferred: preferred) {
            say("connecting to \(request.peer)@\(address) (\(options.route))")
            do {
                let c = try PeerConnection.connect(to: request.peer, at: address, localKey: nodeKey, route: options.route, timeouts: options.timeouts)
                let theirInit = try c.exchangeInit(InitMessage(features: options.features))
                report.peerFeatures = theirInit.combinedFeatures.description
                connection = c
                used = address
                break
            } catch {
                if (error as? PeerError)?.isUnreachable != true { report.reachedPeer = true }
                report.failedAttempts.append("\(address): \(error)")
                say("\(address): \(error)")
            }
        }
        if request.addresses.isEmpty { report.problem = "no address for this peer; give one with --peer host:port" }
        guard let connection, let used else {
            if report.problem == nil { report.problem = report.failedAttempts.last }
            return (report, nil)
        }
        defer { connection.close() }
        report.reachedPeer = true
        report.address = used.description
        do {
            try connection.send(message)
            report.messageSent = true
            say("sent \(message.summary)")
        } catch {
            report.ending = .failed
            report.problem = "\(error)"
            return (report, used)
        }
        listen(on: connection, request: request, into: &report, say: say)
        return (report, used)
    }

    /// Records what the peer says until the wait is over, it hangs up, or it answers with an
    /// error or warning for the channel; answers pings meanwhile.
    private func listen(on connection: PeerConnection, request: ForceCloseRequest, into report: inout TriggerStepReport, say: (String) -> Void) {
        let deadline = ContinuousClock.now + options.listen
        while true {
            do {
                let message = try connection.receive(deadline: deadline)
                if case .ping(let ping) = message {
                    if let pong = ping.expectedPong { try connection.send(.pong(pong)) }
                    continue
                }
                let received = Self.describe(message, channel: request.channelID)
                report.received.append(received)
                say("received \(message.summary)")
                if received.concernsThisChannel && (received.type == MessageType.error || received.type == MessageType.warning) {
                    report.ending = .peerAnswered
                    return
                }
            } catch PeerError.timedOut {
                report.ending = .listenedUntilTimeout
                return
            } catch PeerError.closedByPeer {
                report.ending = .peerDisconnected
                say("the peer closed the connection")
                return
            } catch {
                report.ending = .failed
                report.problem = "\(error)"
                return
            }
        }
    }

    /// The given order, with the address that worked before first; .onion addresses last on
    /// a direct route (where they are unreachable) and dropped there when others exist.
    func orderedAddresses(_ addresses: [PeerAddress], preferred: PeerAddress?) -> [PeerAddress] {
        var list = addresses
        if let preferred, let i = list.firstIndex(of: preferred) { list.insert(list.remove(at: i), at: 0) }
        let reachable = list.filter { options.route.canReach($0) }
        return reachable.isEmpty ? list : reachable
    }

    static func describe(_ message: WireMessage, channel: ChannelID) -> TriggerStepReport.Received {
        switch message {
        case .error(let m), .warning(let m):
            return .init(type: message.type, summary: message.summary, text: m.displayText, concernsThisChannel: m.channelID == channel || m.channelID.isAll)
        case .channelReestablish(let m):
            return .init(type: message.type, summary: message.summary, text: nil, concernsThisChannel: m.channelID == channel)
        default:
            return .init(type: message.type, summary: message.summary, text: nil, concernsThisChannel: false)
        }
    }

    static func classify(request: ForceCloseRequest, steps: [TriggerStepReport], spent: Bool?) -> ChannelTriggerReport {
        let relevant = steps.flatMap(\.received).filter(\.concernsThisChannel)
        let error = relevant.first { $0.type == MessageType.error }
        let warning = relevant.first { $0.type == MessageType.warning }
        let outcome: ChannelTriggerReport.Outcome
        var peerMessage: String?
        if spent == true {
            outcome = .forceCloseConfirmed
            peerMessage = error?.text ?? warning?.text
        } else if let error {
            outcome = .errorReceived
            peerMessage = error.text
        } else if let warning {
            outcome = .warningReceived
            peerMessage = warning.text
        } else if steps.contains(where: { $0.messageSent && $0.ending == .peerDisconnected }) {
            outcome = .disconnected
        } else if steps.contains(where: \.messageSent) {
            outcome = .silent
        } else if steps.contains(where: \.reachedPeer) {
            outcome = .failed
        } else {
            outcome = .unreachable
        }
        return ChannelTriggerReport(channel: request.label, channelID: request.channelID.description, peer: request.peer.description,
                                    outcome: outcome, peerMessage: peerMessage, steps: steps)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
