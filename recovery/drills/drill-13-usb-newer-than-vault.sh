#!/usr/bin/env bash
# Drill 13: the USB copy is newer than the vault (the vault was down when the last channel
# opened). One restore reads both (--vault and --from together): the newest across them wins by
# the same rule, and `list` says the vault is behind. The re-enrolled agent, given the same USB
# stick, continues above the USB copy's counter (issue 14).
. "$(dirname "$0")/lib.sh"
drill_init 13 "a USB copy newer than the vault"

step "two channels backed up to the vault and to a USB stick"
start_vault
start_seeded_node "$WORK/node"
points=("$(open_channel --type anchors-zero-fee-htlc)" "$(open_channel --type static-remote-key)")
sim mine 3 >/dev/null
enroll_agent
CASA_BACKUPD_SECOND_COPY_DIR="$WORK/usb" start_agent
wait_for 60 "the two-channel snapshot in the vault" 'test "$(vault_newest channels)" = 2'

step "the vault is down while a third channel opens: only the USB copy has it"
stop_vault
points+=("$(open_channel --type simple-taproot)")
sim mine 3 >/dev/null
wait_for 60 "the three-channel snapshot on the USB stick" \
  'test "$(recover list --from "$WORK/usb" --network regtest $(seed_files) --json | python3 -c "import json,sys; print(json.load(sys.stdin)[\"snapshots\"][0][\"channels\"])")" = 3'

step "disaster: the node and its SD card are gone; the vault is back, the USB stick survived"
stop_agent
destroy_node
rm -rf "$WORK/agent"
start_vault
start_node "$WORK/node"
wait_for 30 "the new lnd to wait for a wallet" 'node_is NON_EXISTING'
recover list --vault "$VAULT_URL" --from "$WORK/usb" --network regtest $(seed_files) --json > "$WORK/list.json"
usb_counter=$(json_get "$WORK/list.json" "j['snapshots'][0]['counter']")
json_get "$WORK/list.json" "'\n'.join(j['warnings'])" | grep -q "the vault is behind" \
  || fail "list does not say the vault is behind: $(json_get "$WORK/list.json" "j['warnings']")"
[ "$(json_get "$WORK/list.json" "j['snapshots'][0]['channels']")" = 3 ] || fail "the newest across both is not the USB's 3-channel snapshot"
say "   list --vault --from: the newest (counter $usb_counter) is on the USB stick; the vault is behind"

step "one restore from the vault and the USB stick together"
restore_node restore --vault "$VAULT_URL" --from "$WORK/usb"
expect_restore_ran restore
expect_points "restore from both" "$(restored_points restore)" "$(sorted_lines "${points[@]}")"

step "the new box's agent, with the same USB stick, continues above the USB copy"
enroll_agent
CASA_BACKUPD_SECOND_COPY_DIR="$WORK/usb" start_agent
wait_for 60 "the new agent's first snapshot" 'test -n "$(agent_status last_snapshot_sequence)"'
found=$(agent_status history | python3 -c 'import ast,sys; print(ast.literal_eval(sys.stdin.read())["highest_counter_found"])')
[ "$found" = "$usb_counter" ] || fail "the agent's survey found counter $found, the USB copy has $usb_counter"
wait_for 60 "the new agent's snapshot in the vault" 'test "$(vault_newest counter)" -gt "$usb_counter"'
pass "restore from vault + USB brought back all 3 channels (the USB's newer one included); the new agent continued above counter $usb_counter"
