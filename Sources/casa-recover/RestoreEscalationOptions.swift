import ArgumentParser
import Recovery

/// restore's opt-in escalation (H3): asking peers directly to force-close is never done unless
/// the user says so (`--escalate`) and confirms it (on the terminal, or `--yes` in scripts).
struct RestoreEscalationOptions: ParsableArguments {
    @Flag(help: ArgumentHelp(
        "Ask peers that lnd cannot reach directly to force-close (after the reconnect rounds); never for legacy channels. Asks for confirmation.",
        discussion: "Read docs/force-close.md first: a force-close cannot be undone."))
    var escalate = false

    @Flag(help: "With --escalate: do not ask for confirmation (scripts).")
    var yes = false

    /// Before issue 15 the trigger ran unless this was given; it is now the default, so the
    /// flag is accepted (scripts use it) and does nothing.
    @Flag(help: .hidden)
    var noTrigger = false

    @Flag(help: "With --escalate: reach peers through Tor's SOCKS proxy at 127.0.0.1:9050.")
    var tor = false

    @Option(help: ArgumentHelp("With --escalate: reach peers through this SOCKS5 proxy.", valueName: "host:port"))
    var socks: String?

    func validate() throws {
        if escalate && noTrigger { throw ValidationError("--escalate and --no-trigger contradict each other") }
        if tor && socks != nil { throw ValidationError("give either --tor or --socks, not both") }
        if !escalate && (yes || tor || socks != nil) { throw ValidationError("--yes, --tor and --socks only go with --escalate") }
        do { _ = try peerRoute.route() } catch { throw ValidationError(error.description) }
    }

    var peerRoute: PeerRouteFlags { PeerRouteFlags(tor: tor, socks: socks) }

    /// The escalation to arm, or nil when not asked for (the flow asks unless `--yes`).
    var armed: RestoreFlow.Escalation? {
        escalate ? RestoreFlow.Escalation(confirmed: yes, route: peerRoute) : nil
    }
}
