#!/usr/bin/env bash
# Issue 5's lnd faults against the simulator, with real processes: lnd restarts, locks, goes down,
# rotates its TLS certificate, and its streams are cut mid-line or carry malformed JSON. After
# each fault a channel changes, and the agent must converge on lnd's latest backup (vault and
# local copy equal to lnd's channel.backup) without missing a state.
. "$(dirname "$0")/../../../recovery/drills/lib.sh"
drill_init agent-faults "the agent survives lnd's faults"

start_vault
start_seeded_node "$WORK/node"
enroll_agent
start_agent
wait_for 60 "the first snapshot in the vault" 'test -n "$(vault_newest number)"'

faults=0
after() { # DESCRIPTION: a channel changes right after the fault; the agent must catch up
  faults=$((faults + 1))
  wait_for 30 "lnd to be active again" 'node_is SERVER_ACTIVE'
  open_channel >/dev/null
  wait_for 90 "the agent to converge after: $1" 'converged'
  say "   ok after $1: vault v$(vault_newest number), $(vault_newest channels) channel(s)"
}

sim restart >/dev/null; after "an lnd restart (streams cut, keys dropped)"
# break FAULT: injects it and checks that the agent's streams were there to break.
break_streams() {
  local broken
  broken=$(sim fault "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["broken_streams"])')
  [ "$broken" -ge 1 ] || fail "no open stream to break with $1 (is the agent subscribed?)"
}
break_streams cut-mid-line; after "a stream cut in the middle of a line"
wait_for 30 "the agent to subscribe again" 'test "$(agent_status keys_available)" = True'
break_streams malformed-json; after "a malformed JSON line"
sim delete tls >/dev/null; after "a TLS certificate rotation"
sim stop >/dev/null; sleep 1; sim start >/dev/null; after "lnd's REST server down and up"

sim lock >/dev/null
wait_for 30 "lnd to be locked" 'node_is LOCKED'
wait_for 30 "the agent to notice" 'test "$(agent_status keys_available)" = False'
say "   lnd locked: the agent holds no keys ($(agent_status lnd_state))"
sim restart >/dev/null  # the password file unlocks it, like a manual unlock
after "a lock and an unlock"

# REST unreachable while lnd writes a new channel.backup: the agent sees the file replaced (inotify
# on the directory), keeps it still lnd-encrypted, and seals and uploads it once REST is back. The
# agent gets its own lnd folder whose lnd.conf points at a dead port and whose data is lnd's.
stop_agent
mkdir -p "$WORK/agent-lnd"
cp "$NODE_DIR/tls.cert" "$WORK/agent-lnd/"
ln -s "$NODE_DIR/data" "$WORK/agent-lnd/data"
real_conf=$(cat "$NODE_DIR/lnd.conf")
echo "$real_conf" | sed 's/^restlisten=.*/restlisten=127.0.0.1:9/' > "$WORK/agent-lnd/lnd.conf"
AGENT_LNDDIR="$WORK/agent-lnd"
start_agent
open_channel >/dev/null
faults=$((faults + 1))
wait_for 30 "the agent to keep lnd's new file while REST is unreachable" 'test -s "$WORK/agent/pending-channel.backup"'
say "   REST unreachable: the agent kept lnd's new channel.backup ($(stat -c '%s bytes, mode %a' "$WORK/agent/pending-channel.backup"))"
echo "$real_conf" > "$WORK/agent-lnd/lnd.conf"
wait_for 120 "the kept file to be sealed and uploaded once REST is back" 'converged'
say "   ok after REST came back: vault v$(vault_newest number), $(vault_newest channels) channel(s)"

[ "$(agent_status queue_depth)" = 0 ] || fail "the upload queue is not empty"
pass "$faults lnd faults (restart, stream cut mid-line, malformed JSON, certificate rotation, REST down, lock, REST unreachable during a change): the agent converged after each"
