#!/usr/bin/env bash
# Drill 16: a fresh lnd reaches nobody by itself (D4, D5). lnd queues only the first usable
# address of each restored Single, and a fresh node's graph is empty until it connected to a
# peer. Alice's backup lists a stale address first and her live one second; dave moved and only
# the user knows where (--peer); carol moved and only the graph knows, once lnd synced it.
# Restore calls ConnectPeer with every address, says which one reached each peer, and every
# close is proven. Runbook: recovery/peer-offline.md.
. "$(dirname "$0")/lib.sh"
drill_init 16 "peers reached at every address: the backup's, --peer's, the graph's once synced"

step "a backed-up node: alice (two channels, moved in between: two addresses), carol and dave"
start_vault
start_seeded_node "$WORK/node"
for alias in alice carol dave; do sim add-peer --alias "$alias" >/dev/null; done
peer() { sim status | python3 -c "import json,sys; print([p['pubkey'] for p in json.load(sys.stdin)['peers'] if p['alias']=='$1'][0])"; }
host() { sim status | python3 -c "import json,sys; print([p['host'] for p in json.load(sys.stdin)['peers'] if p['alias']=='$1'][0])"; }
alice=$(peer alice); carol=$(peer carol); dave=$(peer dave)
a1=$(open_channel --peer "$alice")
alice_new="127.0.0.1:$(free_port)"
sim peer move "$alice" "$alice_new" >/dev/null
a2=$(open_channel --peer "$alice")
c=$(open_channel --peer "$carol"); d=$(open_channel --peer "$dave")
sim mine 3 >/dev/null
enroll_agent
start_agent
wait_for 60 "the four-channel snapshot in the vault" 'test "$(vault_newest channels)" = 4'
stop_agent

step "disaster; carol and dave move (the backup has their old addresses)"
destroy_node
start_node "$WORK/node"
wait_for 30 "the new lnd to wait for a wallet" 'node_is NON_EXISTING'
carol_new="127.0.0.1:$(free_port)"; dave_new="127.0.0.1:$(free_port)"
sim peer move "$carol" "$carol_new" >/dev/null
sim peer move "$dave" "$dave_new" >/dev/null
say "   alice at $alice_new (second in her backup), carol at $carol_new (graph only), dave at $dave_new (--peer only)"

step "restore with --peer for dave"
restore_node restore --vault "$VAULT_URL" --reconnect-pauses 0,0 --peer "$dave@$dave_new"
[ $RESTORE_EXIT -eq 75 ] || fail "restore exited $RESTORE_EXIT (expected 75: nothing proven yet): $(cat "$WORK/restore.json")"
expect_points "restore" "$(restore_points restore)" "$(points_with peer_connected "$a1" "$a2" "$c" "$d")"
reached=$(json_get "$WORK/restore.json" "'\n'.join(sorted(c['channel_point'] + ' ' + c['reached_via'] for c in j['channels']))")
# Every source that names the address is shown; lnd's graph is synced by the end (from the first
# connected peer), so it names every peer's current address too.
expected=$(printf '%s\n' "$a1 $alice_new (from the graph and the backup)" "$a2 $alice_new (from the graph and the backup)" \
  "$c $carol_new (from the graph)" "$d $dave_new (from --peer and the graph)" | sort)
expect_points "where each peer was reached" "$reached" "$expected"
printf '%s\n' "$reached" | sed 's/^/   /'

step "the peers close; status proves each close"
prove_closes restore "$a1" "$a2" "$c" "$d"
pass "4 channels: alice reached at her backup's second address, carol at the graph's once synced, dave at --peer's; all closes proven"
