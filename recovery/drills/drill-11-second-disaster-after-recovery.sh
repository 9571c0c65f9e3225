#!/usr/bin/env bash
# Drill 11: a second disaster after a recovery. The first life has many channel events; after
# the first restore the node is re-enrolled (recovery/sd-card-died.md step 6), opens a new
# channel, and dies again. The second restore must bring back the second life's channel, not
# the first life's (issue 14, review C1: the re-enrolled agent used to start its counter at 1).
. "$(dirname "$0")/lib.sh"
drill_init 11 "a second disaster after a recovery and re-enrollment"

step "first life: five channels opened one by one, two of them closed again (many snapshots)"
start_vault
start_seeded_node "$WORK/node"
enroll_agent
start_agent
first=()
for type in anchors-zero-fee-htlc static-remote-key simple-taproot anchors-zero-fee-htlc static-remote-key; do
  first+=("$(open_channel --type "$type")")
  sim mine 3 >/dev/null
  wait_for 60 "the snapshot with ${#first[@]} channels" 'test "$(agent_status channel_count)" = ${#first[@]}'
done
sim close-channel "${first[3]}" --by cooperative >/dev/null; sim mine 6 >/dev/null
sim close-channel "${first[4]}" --by cooperative >/dev/null; sim mine 6 >/dev/null
wait_for 60 "the three-channel snapshot in the vault" 'test "$(vault_newest channels)" = 3'
first_counter=$(vault_newest counter)
say "   first life: the vault's newest snapshot has counter $first_counter and 3 channels"

step "first disaster: the SD card dies; restore from the vault"
lose_node
restore_node restore-1 --vault "$VAULT_URL"
expect_restore_ran restore-1
expect_points "first restore" "$(restored_points restore-1)" "$(sorted_lines "${first[@]:0:3}")"
settle_restore restore-1
say "   the three channels of the first life came back and closed"

step "second life: the recovered node is enrolled again (runbook step 6) and opens one channel"
enroll_agent
start_agent
second=$(open_channel --type simple-taproot)
sim mine 3 >/dev/null
wait_for 60 "the second life's snapshot in the vault" 'test "$(vault_newest channels)" = 1'
second_counter=$(vault_newest counter)
[ "$second_counter" -gt "$first_counter" ] || fail "the re-enrolled agent sealed counter $second_counter, not above the first life's $first_counter"
[ "$(agent_status history | python3 -c 'import ast,sys; print(ast.literal_eval(sys.stdin.read())["forked"])')" = False ] \
  || fail "the agent reports a forked history"
say "   the re-enrolled agent continued above counter $first_counter: its snapshot has counter $second_counter"

step "second disaster: the node dies again; restore from the vault"
lose_node
recover list --vault "$VAULT_URL" --network regtest $(seed_files) --json > "$WORK/list-2.json"
[ "$(json_get "$WORK/list-2.json" "j['forked']")" = False ] || fail "list shows a forked history: $(cat "$WORK/list-2.json")"
restore_node restore-2 --vault "$VAULT_URL"
expect_restore_ran restore-2
expect_points "second restore" "$(restored_points restore-2)" "$second"
pass "the second restore brought back the second life's channel $second (counter $second_counter > $first_counter), not the first life's"
