#!/usr/bin/env bash
# Drill 1: the SD card dies. A new box, the 24 words, restore from the vault; every channel is
# accounted for. Runbook: recovery/sd-card-died.md.
. "$(dirname "$0")/lib.sh"
drill_init 1 "the SD card dies"

step "the vault, a node with three channels, and the agent backing it up"
start_vault
start_seeded_node "$WORK/node"
sim add-peer --alias carol >/dev/null
for type in anchors-zero-fee-htlc static-remote-key simple-taproot; do open_channel --type "$type" >/dev/null; done
sim mine 6 >/dev/null
enroll_agent
start_agent
wait_for 60 "the three-channel snapshot in the vault" 'test "$(vault_newest channels)" = 3'
say "   the vault holds a snapshot with $(vault_newest channels) channels"
stop_agent

step "disaster: the SD card dies (lnd's folder and the agent's state are gone)"
destroy_node
rm -rf "$WORK/agent"
start_node "$WORK/node"
wait_for 30 "the new lnd to wait for a wallet" 'node_is NON_EXISTING'
say "   a fresh lnd: $(node_state)"

step "casa-recover list: the words find the account and its snapshots"
# shellcheck disable=SC2046
recover list --vault "$VAULT_URL" --network regtest $(seed_files)

step "casa-recover restore: wallet from the words, channels from the vault"
restore_node restore --vault "$VAULT_URL"
[ $RESTORE_EXIT -eq 0 ] || fail "restore exited $RESTORE_EXIT: $(cat "$WORK/restore.json")"
closing=$(json_get "$WORK/restore.json" "sum(1 for c in j['channels'] if c['status'] == 'closing')")
[ "$closing" = 3 ] || fail "expected 3 closing channels, got: $(cat "$WORK/restore.json")"
say "   restore: $closing of 3 channels closing"

step "the peers force-close; casa-recover status follows the funds home"
sim mine 200 >/dev/null
recover status --lnddir "$WORK/node" --network regtest --state "$WORK/restore/restore-state.json" \
  || fail "casa-recover status still sees channels waiting"
pass "3 channels from the vault restored from the 24 words; all closed and swept"
