#!/usr/bin/env bash
# Drill 6: at restore time one peer is offline and another has moved. The others close; the moved
# one is reconnected at its current address from the graph; the offline one is retried, reported as
# waiting (exit 75), and closes once it comes back. Runbook: recovery/peer-offline.md.
. "$(dirname "$0")/lib.sh"
drill_init 6 "a peer offline, another moved, at restore"

step "a backed-up node with channels to alice, bob and carol"
start_vault
start_seeded_node "$WORK/node"
for alias in alice bob carol; do sim add-peer --alias "$alias" >/dev/null; done
peer() { sim status | python3 -c "import json,sys; print([p['pubkey'] for p in json.load(sys.stdin)['peers'] if p['alias']=='$1'][0])"; }
alice=$(peer alice); bob=$(peer bob); carol=$(peer carol)
a_point=$(open_channel --peer "$alice"); b_point=$(open_channel --peer "$bob"); c_point=$(open_channel --peer "$carol")
sim mine 3 >/dev/null
enroll_agent
start_agent
wait_for 60 "the three-channel snapshot in the vault" 'test "$(vault_newest channels)" = 3'
stop_agent

step "disaster; meanwhile bob moved to a new address and carol is offline"
destroy_node
start_node "$WORK/node"
wait_for 30 "the new lnd to wait for a wallet" 'node_is NON_EXISTING'
new_port=$(free_port)
sim peer move "$bob" "127.0.0.1:$new_port" >/dev/null
sim peer offline "$carol" >/dev/null
say "   bob now at 127.0.0.1:$new_port (the backup has his old address); carol offline"

step "restore: alice closes, bob is found in the graph, carol is retried and reported"
restore_node restore --vault "$VAULT_URL" --reconnect-pauses 1,1
code=$RESTORE_EXIT
status_of() { json_get "$WORK/restore.json" "[c['status'] for c in j['channels'] if c['remote_pubkey']=='$1'][0]"; }
say "   exit $code; alice $(status_of "$alice"), bob $(status_of "$bob"), carol $(status_of "$carol")"
[ $code -eq 75 ] || fail "expected exit 75 (some channels still wait), got $code: $(cat "$WORK/restore.json")"
expect_points "restore" "$(restore_points restore)" "$( (points_with peer_connected "$a_point" "$b_point"; points_with waiting_for_peer "$c_point") | sort)"
json_get "$WORK/restore.json" "[c['next_step'] for c in j['channels'] if c['remote_pubkey']=='$carol'][0]" | sed 's/^/   carol, next step: /'
bob_via=$(json_get "$WORK/restore.json" "[c['reached_via'] for c in j['channels'] if c['remote_pubkey']=='$bob'][0]")
[ "$bob_via" = "127.0.0.1:$new_port (from the graph)" ] || fail "bob reached via: $bob_via (expected his new address, from the graph)"
say "   bob reached at $bob_via"

step "carol comes back online: lnd's persistent connection reaches her and she closes"
sim peer online "$carol" >/dev/null
cp "$WORK/restore.json" "$WORK/restore-first.json"
# --no-trigger is kept as a no-op alias for scripts written before --escalate.
restore_node restore --vault "$VAULT_URL" --no-trigger --reconnect-pauses 1,1
[ $RESTORE_EXIT -eq 75 ] || fail "the re-run (resumed) proves nothing before blocks: exit $RESTORE_EXIT $(cat "$WORK/restore.json")"
expect_points "re-run" "$(restore_points restore)" "$(points_with peer_connected "$a_point" "$b_point" "$c_point")"
[ "$(json_get "$WORK/restore.json" "j['restored_now']")" = 0 ] || fail "the re-run restored again"
prove_closes restore "$a_point" "$b_point" "$c_point"
pass "alice closed, bob reconnected at his new address from the graph, carol waited (exit 75) and closed once back; each close proven"
