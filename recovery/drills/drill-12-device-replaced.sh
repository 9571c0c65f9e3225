#!/usr/bin/env bash
# Drill 12: the box is replaced. lnd's disk moves to a new box; the old device is revoked with
# the words and the new box enrolls with an empty state folder. After more channel changes the
# node is lost: the restore must bring back the new box's newest channels, although the old
# device wrote many more snapshots (issue 14: the new device's counter used to start at 1).
. "$(dirname "$0")/lib.sh"
drill_init 12 "a replaced device, then a disaster"

step "the old box backs up four channels, one snapshot per change"
start_vault
start_seeded_node "$WORK/node"
enroll_agent > "$WORK/enroll-old.txt"
cat "$WORK/enroll-old.txt"
OLD_DEVICE=$(sed -n 's/.*device key \([0-9a-f]\{64\}\).*/\1/p' "$WORK/enroll-old.txt")
[ ${#OLD_DEVICE} = 64 ] || fail "no device key in the enroll output"
start_agent
points=()
for type in anchors-zero-fee-htlc static-remote-key simple-taproot anchors-zero-fee-htlc; do
  points+=("$(open_channel --type "$type")")
  sim mine 3 >/dev/null
  wait_for 60 "the vault's snapshot with ${#points[@]} channels" 'test "$(vault_newest channels)" = ${#points[@]}'
done
old_counter=$(vault_newest counter)
say "   the old box's newest snapshot: counter $old_counter, 4 channels"

step "the box is replaced: the old device is revoked, the new box enrolls with an empty state folder"
stop_agent
recover revoke-device --vault "$VAULT_URL" --device "$OLD_DEVICE" --yes $(seed_files) --json > "$WORK/revoke.json" \
  || fail "revoke-device: $(cat "$WORK/revoke.json")"
rm -rf "$WORK/agent"
enroll_agent
start_agent
wait_for 60 "the new box's history survey" 'test -n "$(agent_status history)"'
sim close-channel "${points[0]}" --by cooperative >/dev/null; sim mine 6 >/dev/null
points=("${points[@]:1}")
points+=("$(open_channel --type simple-taproot)")
sim mine 3 >/dev/null
wait_for 60 "the new box's snapshot of the new channel" 'test "$(vault_newest counter)" -gt "$old_counter" && test "$(vault_newest channels)" = 4'
say "   the new box continued at counter $(vault_newest counter): 4 channels, one of them new"

step "disaster: the new box dies; restore from the vault"
lose_node
restore_node restore --vault "$VAULT_URL"
expect_restore_ran restore
expect_points "restore after the replacement" "$(restored_points restore)" "$(sorted_lines "${points[@]}")"
pass "the restore brought back the new box's 4 channels (the newest one included), not the revoked box's older snapshot"
