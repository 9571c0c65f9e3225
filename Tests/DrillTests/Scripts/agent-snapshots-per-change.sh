#!/usr/bin/env bash
# D2/D12 (lnd-fidelity.md): lnd writes channel.backup's Singles in random order, merges it with
# the file on disk, and rewrites it at every start and clean shutdown; lnd-sim does the same.
# The agent compares snapshots by their set of channels, so it stores exactly one snapshot per
# real channel change and none per lnd restart. Counts the local snapshots after each step.
. "$(dirname "$0")/../../../recovery/drills/lib.sh"
drill_init agent-churn "one snapshot per channel change, none per lnd restart"

metric() { curl -fsS "http://127.0.0.1:$AGENT_PORT/metrics" | sed -n "s/^$1 //p"; }
snapshots() { metric casa_backup_snapshots_total; }
unchanged() { metric casa_backup_unchanged_total; }

start_vault
start_seeded_node "$WORK/node"
sim add-peer --alias carol >/dev/null
open_channel --type anchors-zero-fee-htlc >/dev/null
open_channel --type simple-taproot >/dev/null
sim mine 6 >/dev/null
enroll_agent
start_agent
wait_for 60 "the agent to hold lnd's backup" 'converged'
base=$(snapshots)
say "   start: $base snapshot(s)"

# expect STEP N: after STEP, exactly N more snapshots than before it, once the agent has seen
# lnd's file and export again (the unchanged counter moved, or the snapshot count did).
expect() {
  local what=$1 more=$2
  wait_for 60 "the agent to converge after: $what" 'converged && [ "$(snapshots)" -ge $((base + more)) ] && { [ "$(unchanged)" -gt "$seen" ] || [ "$(snapshots)" -gt $((base + more)) ]; }'
  sleep 1  # late copies of the same state (file after export) would show up here
  local now; now=$(snapshots)
  [ "$now" = $((base + more)) ] || fail "after $what: $((now - base)) new snapshot(s), expected $more"
  say "   ok: $what -> $more new snapshot(s) (total $now)"
  base=$now
}

seen=$(unchanged); open_channel --pending --type anchors-zero-fee-htlc >/dev/null; expect "a pending open" 1
seen=$(unchanged); sim mine 3 >/dev/null; expect "its confirmation" 1
for round in 1 2 3; do
  seen=$(unchanged); sim restart >/dev/null
  wait_for 30 "lnd to be active again" 'node_is SERVER_ACTIVE'
  expect "lnd restart $round (file rewritten at shutdown and start, in random order)" 0
done
# Each change is its own step: lnd-sim writes channel.backup once per request (one open, one
# block), so each is seen by the file watcher even while the agent's RPC stream reconnects.
seen=$(unchanged); open_channel --pending --type script-enforced-lease >/dev/null; expect "a leased channel, pending, after the restarts" 1
seen=$(unchanged); sim mine 3 >/dev/null; expect "its confirmation" 1
seen=$(unchanged); sim restart >/dev/null
wait_for 30 "lnd to be active again" 'node_is SERVER_ACTIVE'
expect "one more lnd restart" 0
pass "one snapshot per channel change (4 changes), none for 4 lnd restarts"
