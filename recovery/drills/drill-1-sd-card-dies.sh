#!/usr/bin/env bash
# Drill 1: the SD card dies. A new box, the 24 words, restore from the vault; every channel is
# accounted for. Runbook: recovery/sd-card-died.md.
. "$(dirname "$0")/lib.sh"
drill_init 1 "the SD card dies"

step "the vault, a node with three channels, and the agent backing it up"
start_vault
start_seeded_node "$WORK/node"
sim add-peer --alias carol >/dev/null
points=()
for type in anchors-zero-fee-htlc static-remote-key simple-taproot; do points+=("$(open_channel --type "$type")"); done
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
# The peers are connected and closed, but lnd shows a close only 3 blocks deep: nothing proven yet (M7, D3).
[ $RESTORE_EXIT -eq 75 ] || fail "restore exited $RESTORE_EXIT (expected 75: nothing proven yet): $(cat "$WORK/restore.json")"
expect_points "restore" "$(restore_points restore)" "$(points_with peer_connected "${points[@]}")"
say "   restore: the 3 opened channel points restored, their peers connected and asked to close"

step "the peers force-close; casa-recover status proves each close from lnd's own lists"
prove_closes restore "${points[@]}"
recover status --lnddir "$WORK/node" --network regtest --state "$WORK/restore/restore-state.json"
pass "the 3 opened channels restored from the vault with the 24 words; each close proven by lnd and swept"
