#!/usr/bin/env bash
# Drill 10: a channel opened after the last successful upload. The agent's status says it is not
# covered by the vault; after the disaster the vault's snapshot lacks it, the local (USB) copy has
# it, and restoring from both brings every channel back. Runbook: recovery/channel-after-last-upload.md.
. "$(dirname "$0")/lib.sh"
drill_init 10 "a channel opened after the last upload"

step "a backed-up node with two channels, and a USB copy"
start_vault
start_seeded_node "$WORK/node"
open_channel >/dev/null; open_channel >/dev/null; sim mine 3 >/dev/null
enroll_agent
CASA_BACKUPD_SECOND_COPY_DIR="$WORK/usb" start_agent
wait_for 60 "the two-channel snapshot in the vault" 'test "$(vault_newest channels)" = 2'

step "the vault becomes unreachable; a third channel is opened"
stop_vault
open_channel --type simple-taproot >/dev/null; sim mine 3 >/dev/null
wait_for 60 "the local snapshot of the third channel" 'test "$(agent_status channel_count)" = 3'
"$CASA_BIN/casa-backupd" status $(agent_args) > "$WORK/status.txt" || true
sed 's/^/   /' "$WORK/status.txt"
grep -q "not covered" "$WORK/status.txt" || fail "the status does not say that the new channel is not covered"
set +e
"$CASA_BIN/casa-backupd" checkpoint --wait --timeout 3 $(agent_args) > "$WORK/checkpoint.txt" 2>&1
code=$?
set -e
[ $code -ne 0 ] || fail "checkpoint --wait succeeded without a vault"
say "   checkpoint --wait: exit $code (the vault did not acknowledge)"

step "disaster before the vault returns: the node dies, the USB stick survives"
stop_agent
destroy_node
rm -rf "$WORK/agent"
start_vault
start_node "$WORK/node"
wait_for 30 "the new lnd to wait for a wallet" 'node_is NON_EXISTING'
vault_channels=$(vault_newest channels)
usb_channels=$(recover list --from "$WORK/usb" --network regtest $(seed_files) --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["snapshots"][0]["channels"])')
say "   newest snapshot: the vault $vault_channels channels, the USB copy $usb_channels channels"
[ "$vault_channels" = 2 ] && [ "$usb_channels" = 3 ] || fail "expected 2 in the vault and 3 on the USB copy"

step "restore from the vault (2 channels), then from the USB copy (adds the third)"
restore_node restore-vault --vault "$VAULT_URL"
restore_node restore-usb --from "$WORK/usb"
from_vault=$(json_get "$WORK/restore-vault.json" "j['restored_now']")
from_usb=$(json_get "$WORK/restore-usb.json" "j['restored_now']")
opened=($(opened_points))
[ ${#opened[@]} -eq 3 ] || fail "expected 3 opened channels on the chain, found ${#opened[@]}"
[ "$from_vault" = 2 ] && [ "$from_usb" = 1 ] || fail "vault restored $from_vault, USB restored $from_usb"
expect_points "restore from the USB copy" "$(restore_points restore-usb)" "$(points_with peer_connected "${opened[@]}")"

step "casa-recover status proves each close from lnd's own lists (M7)"
prove_closes restore-usb "${opened[@]}"
pass "status and checkpoint reported the uncovered channel; vault + USB restore brought back exactly the 3 opened channels; each close proven"
