#!/usr/bin/env bash
# Drill 18: a second disaster while the channels of a first restore are still closing (D1).
# lnd re-exports a restored channel's Single with a legacy-format shachain root it cannot derive
# again (chanbackup/single.go:244-266, chanrestore.go:103-110), and lnd-sim does the same. The
# re-enrolled agent backs those Singles up; after the second disaster lnd refuses them, so restore
# takes each channel's last restorable Single from the older snapshots in the vault. A restore of
# the re-exported Singles alone shows lnd's refusal. Runbook: recovery/sd-card-died.md.
. "$(dirname "$0")/lib.sh"
drill_init 18 "a second disaster while restored channels are still closing"

step "first life: two channels, backed up"
start_vault
start_seeded_node "$WORK/node"
enroll_agent
start_agent
points=("$(open_channel)" "$(open_channel --type simple-taproot)")
sim mine 3 >/dev/null
wait_for 60 "the two-channel snapshot in the vault" 'test "$(vault_newest channels)" = 2'
first=$(vault_newest number)

step "first disaster; restore; the peers close, but the closes are not 3 blocks deep yet"
stop_agent
destroy_node
rm -rf "$WORK/agent"
start_node "$WORK/node"
wait_for 30 "the new lnd to wait for a wallet" 'node_is NON_EXISTING'
restore_node restore-1 --vault "$VAULT_URL"
[ $RESTORE_EXIT -eq 75 ] || fail "first restore exited $RESTORE_EXIT: $(cat "$WORK/restore-1.json")"
expect_points "first restore" "$(restore_points restore-1)" "$(points_with peer_connected "${points[@]}")"

step "the recovered node is enrolled again; its agent backs up lnd's re-export of the two shells"
enroll_agent
start_agent
wait_for 60 "a snapshot of the recovered node in the vault" 'test "$(vault_newest number)" != "$first"'
second=$(vault_newest number)
stop_agent
recover fetch --vault "$VAULT_URL" --network regtest $(seed_files) --snapshot "$second" --output "$WORK/reexport.backup" >/dev/null
roots=$(recover inspect --backup "$WORK/reexport.backup" --network regtest $(seed_files) --json \
  | python3 -c 'import json,sys; print(sorted(c["channel_point"] for c in json.load(sys.stdin)["channels"]))')
[ "$roots" = "$(python3 -c 'import sys; print(sorted(sys.argv[1:]))' "${points[@]}")" ] || fail "the re-export holds $roots"
say "   snapshot $second (after the restore) holds both channels as lnd re-exported them"

step "second disaster before the closes are deep enough"
destroy_node
rm -rf "$WORK/agent"
start_node "$WORK/node"
wait_for 30 "the new lnd to wait for a wallet" 'node_is NON_EXISTING'

step "restoring the re-exported Singles alone: lnd refuses each, restore isolates and reports them"
restore_node restore-reexport --backup "$WORK/reexport.backup"
[ $RESTORE_EXIT -eq 75 ] || fail "restore of the re-export exited $RESTORE_EXIT: $(cat "$WORK/restore-reexport.json")"
expect_points "restore of the re-export" "$(restore_points restore-reexport)" "$(points_with stuck "${points[@]}")"
refused=$(json_get "$WORK/restore-reexport.json" "sum(1 for c in j['channels'] if 'could not derive private key for legacy channel revocation root format' in c['reason'])")
[ "$refused" = 2 ] || fail "lnd's reason is not reported: $(cat "$WORK/restore-reexport.json")"

step "restore from the vault: each channel's last restorable Single comes from the older snapshot"
restore_node restore-2 --vault "$VAULT_URL"
[ $RESTORE_EXIT -eq 75 ] || fail "second restore exited $RESTORE_EXIT: $(cat "$WORK/restore-2.json")"
expect_points "second restore" "$(restore_points restore-2)" "$(points_with peer_connected "${points[@]}")"
from=$(json_get "$WORK/restore-2.json" "sorted(set(c['single_from'] for c in j['channels']))")
[ "$from" = "['vault v$first']" ] || fail "the Singles came from $from, expected the older snapshot vault v$first"
prove_closes restore-2 "${points[@]}"
pass "both channels restored again with their Singles from vault v$first (lnd refuses its own re-export of v$second); every close proven"
