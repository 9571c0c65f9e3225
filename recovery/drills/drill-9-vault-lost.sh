#!/usr/bin/env bash
# Drill 9: the vault is lost (its data is gone) and then the node dies too. The agent's second
# copy on a USB stick is enough: restore from the folder with the 24 words.
# Runbook: recovery/vault-lost.md.
. "$(dirname "$0")/lib.sh"
drill_init 9 "the vault is lost; restore from the USB copy"

step "a node with two channels; the agent keeps a second copy on a USB stick"
start_vault
start_seeded_node "$WORK/node"
open_channel --type anchors-zero-fee-htlc >/dev/null; open_channel --type simple-taproot >/dev/null; sim mine 3 >/dev/null
enroll_agent
CASA_BACKUPD_SECOND_COPY_DIR="$WORK/usb" start_agent
wait_for 60 "the two-channel snapshot in the vault" 'test "$(vault_newest channels)" = 2'
wait_for 30 "the USB copy" 'ls "$WORK/usb"/*.casa'
say "   USB stick: $(ls "$WORK/usb" | grep -c '\.casa$') snapshot file(s)"

step "disaster: the vault's disk is gone, then the node dies"
stop_vault
rm -rf "$WORK/vault"
stop_agent
destroy_node
rm -rf "$WORK/agent"
start_node "$WORK/node"
wait_for 30 "the new lnd to wait for a wallet" 'node_is NON_EXISTING'

step "the vault cannot help any more"
start_vault
set +e
recover list --vault "$VAULT_URL" --network regtest $(seed_files) > "$WORK/out.txt" 2>&1
code=$?
set -e
[ $code -ne 0 ] || fail "the emptied vault listed snapshots"
say "   casa-recover list --vault: exit $code: $(tail -n 1 "$WORK/out.txt" | cut -c1-150)"

step "casa-recover list and restore from the USB copy"
recover list --from "$WORK/usb" --network regtest $(seed_files)
restore_node restore --from "$WORK/usb"
opened=($(opened_points))
[ ${#opened[@]} -eq 2 ] || fail "expected 2 opened channels on the chain, found ${#opened[@]}"
[ $RESTORE_EXIT -eq 75 ] || fail "restore exited $RESTORE_EXIT (expected 75: no close proven yet): $(cat "$WORK/restore.json")"
expect_points "restore" "$(restore_points restore)" "$(points_with peer_connected "${opened[@]}")"

step "casa-recover status proves each close from lnd's own lists (M7)"
prove_closes restore "${opened[@]}"
pass "vault gone, node gone: both opened channels restored from the USB copy with the 24 words; each close proven"
