#!/usr/bin/env bash
# Drill 22: a copy of the running box's SD card boots on a second box while the original runs.
# The copy holds the device key and unlock.seal, but the vault holds the unlock share back while
# the account's node heartbeats (it runs, so it needs no unlock): the copy's lnd stays LOCKED,
# and the original box's status tells the owner that someone tried (issue 17, review H1).
# Runbook: recovery/stolen-device.md.
. "$(dirname "$0")/lib.sh"
drill_init 22 "a clone booted while the original runs cannot unlock"

step "a node with sealed auto-unlock set up; its agent heartbeats every 10 s"
sealed_unlock_node
CASA_BACKUPD_HEARTBEAT_SECONDS=10 start_agent

step "the SD card is copied; the copy boots on a second box (its lnd LOCKED) while the original runs"
cp -a "$WORK/node" "$WORK/clone"
cp -a "$WORK/agent" "$WORK/agent-clone"
sed -i "s/^restlisten=.*/restlisten=127.0.0.1:$(free_port)/" "$WORK/clone/lnd.conf"
ORIGINAL_DIR=$NODE_DIR
start_node "$WORK/clone"
wait_for 30 "the copy's lnd to be LOCKED" 'node_is LOCKED'
CLONE_PORT=$(free_port)
"$CASA_BIN/casa-backupd" run --lnddir "$WORK/clone" --network regtest --state-dir "$WORK/agent-clone" --vault-url "$VAULT_URL" \
  --metrics-port "$CLONE_PORT" >> "$WORK/agent-clone.log" 2>&1 &
DRILL_PIDS+=("$!")
wait_for 60 "the copy's agent to be refused" 'grep -q "the vault holds the share back" "$WORK/agent-clone.log"'
node_is LOCKED || fail "the copy unlocked its lnd: $(node_state)"
grep "the vault holds the share back" "$WORK/agent-clone.log" | head -n 1 | cut -c1-200 | sed 's/^/   copy: /'

step "the original box's status tells the owner"
NODE_DIR=$ORIGINAL_DIR
wait_for 60 "the original agent's warning" \
  'test "$(agent_status warnings | grep -c "a copy of this disk is being booted somewhere")" -ge 1'
node_is SERVER_ACTIVE || fail "the original's lnd is $(node_state)"
say "   original: $(agent_status warnings | grep -o "someone asked the vault[^:]*" | head -n 1)"
NODE_DIR="$WORK/clone"
node_is LOCKED || fail "the copy unlocked its lnd meanwhile: $(node_state)"
grep -q "unlock share held back: the account's node is alive" "$WORK/vault.log" \
  || fail "the vault's log does not record the held-back request for its operator"
pass "the copy booted beside the running original got no unlock share (its lnd stayed LOCKED), and the original's status reported the attempt"
