#!/usr/bin/env bash
# Drill 15: a legacy channel among modern ones, with `restore --escalate` (H3). Restore never
# asks a peer directly on its own; with --escalate (and --yes for scripts) it asks the modern
# channel's unreachable peer, and never the legacy channel's: lnd needs that peer's commitment
# point to sweep a legacy channel, and the direct request throws it away. Each outcome is then
# proven from lnd's own lists. Runbooks: recovery/peer-offline.md, docs/force-close.md.
. "$(dirname "$0")/lib.sh"
drill_init 15 "a legacy channel among modern ones: the trigger is never used for it"

step "a backed-up node: an anchors channel to alice, a legacy channel to bob, a taproot channel to carol"
start_vault
start_seeded_node "$WORK/node"
for alias in alice bob carol; do sim add-peer --alias "$alias" >/dev/null; done
peer() { sim status | python3 -c "import json,sys; print([p['pubkey'] for p in json.load(sys.stdin)['peers'] if p['alias']=='$1'][0])"; }
alice=$(peer alice); bob=$(peer bob); carol=$(peer carol)
modern=$(open_channel --peer "$alice" --type anchors-zero-fee-htlc)
legacy=$(open_channel --peer "$bob" --type legacy)
online=$(open_channel --peer "$carol" --type simple-taproot)
sim mine 3 >/dev/null
enroll_agent
start_agent
wait_for 60 "the three-channel snapshot in the vault" 'test "$(vault_newest channels)" = 3'
stop_agent
say "   modern $modern (alice), legacy $legacy (bob), online $online (carol)"

step "disaster; alice and bob are offline at restore time"
destroy_node
start_node "$WORK/node"
wait_for 30 "the new lnd to wait for a wallet" 'node_is NON_EXISTING'
sim peer offline "$alice" >/dev/null
sim peer offline "$bob" >/dev/null

step "restore without --escalate: nobody is asked directly"
restore_node restore-plain --vault "$VAULT_URL" --reconnect-pauses 0,0,0
[ $RESTORE_EXIT -eq 75 ] || fail "restore exited $RESTORE_EXIT (expected 75): $(cat "$WORK/restore-plain.json")"
expect_points "restore without --escalate" "$(restore_points restore-plain)" \
  "$( (points_with waiting_for_peer "$modern" "$legacy"; points_with peer_connected "$online") | sort)"
asked=$(json_get "$WORK/restore-plain/restore-state.json" "sorted(p for p, c in j['channels'].items() if c.get('escalation'))")
[ "$asked" = "[]" ] || fail "restore asked peers directly without --escalate: $asked"
say "   exit 75; no direct request without --escalate"

step "restore --escalate --yes (the same work folder: it resumes): alice is asked directly, bob never"
restore_node restore-plain --vault "$VAULT_URL" --reconnect-pauses 0,0,0 --escalate --yes
[ $RESTORE_EXIT -eq 75 ] || fail "restore exited $RESTORE_EXIT (expected 75): $(cat "$WORK/restore-plain.json")"
expect_points "restore --escalate" "$(restore_points restore-plain)" \
  "$( (points_with waiting_for_peer "$modern" "$legacy"; points_with peer_connected "$online") | sort)"
asked=$(json_get "$WORK/restore-plain/restore-state.json" "sorted((p, c['escalation']['outcome']) for p, c in j['channels'].items() if c.get('escalation'))")
[ "$asked" = "[('$modern', 'unreachable')]" ] || fail "direct requests: $asked (expected only the modern channel, unreachable)"
why_legacy=$(json_get "$WORK/restore-plain.json" "[c['reason'] for c in j['channels'] if c['channel_point'] == '$legacy'][0]")
why_modern=$(json_get "$WORK/restore-plain.json" "[c['reason'] for c in j['channels'] if c['channel_point'] == '$modern'][0]")
case "$why_legacy" in *"a legacy channel is never asked directly"*) ;; *) fail "legacy reason: $why_legacy" ;; esac
case "$why_modern" in *"direct request: the peer answered unreachable"*) ;; *) fail "modern reason: $why_modern" ;; esac
say "   asked directly: $asked; legacy: $why_legacy"

step "alice and bob come back: lnd reconnects, they close; status proves each close"
sim peer online "$alice" >/dev/null
sim peer online "$bob" >/dev/null
spends() { sim status | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["funding_spends"]))'; }
wait_for 30 "the three peers' closes on the simulated chain" '[ "$(spends)" = 3 ]'
prove_closes restore-plain "$modern" "$legacy" "$online"
pass "the legacy channel $legacy was never triggered; the modern one was asked only with --escalate; all 3 closes proven"
