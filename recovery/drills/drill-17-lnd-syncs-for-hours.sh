#!/usr/bin/env bash
# Drill 17: after InitWallet a real lnd can sit in RPC_ACTIVE for hours while the wallet rescans
# the chain from the seed's birthday (D8; lnd.go:764-812). lnd-sim runs that rescan on a
# simulated clock stopped at 0 (`--sync-blocks-per-second 0`, advanced with `lnd-sim sync N`).
# restore says what lnd is doing and how far, gives up only at a limit the user set (exit 75,
# state kept), survives being killed, and resumes: the wallet is created once, the exact channel
# points are restored and every close is proven. Runbook: recovery/sd-card-died.md.
. "$(dirname "$0")/lib.sh"
drill_init 17 "lnd takes hours to sync after the wallet is recreated"

step "a backed-up node with two channels; the chain moves on 40 blocks"
start_vault
start_seeded_node "$WORK/node"
points=("$(open_channel)" "$(open_channel --type simple-taproot)")
sim mine 40 >/dev/null
enroll_agent
start_agent
wait_for 60 "the two-channel snapshot in the vault" 'test "$(vault_newest channels)" = 2'
stop_agent

step "disaster; the new lnd's wallet sync runs on a stopped clock"
destroy_node
start_node "$WORK/node" --sync-blocks-per-second 0
wait_for 30 "the new lnd to wait for a wallet" 'node_is NON_EXISTING'
height=$(sim status | python3 -c 'import json,sys; print(json.load(sys.stdin)["block_height"])')
say "   chain at block $height; a wallet restored from the words rescans from block 500"

step "restore --wait-limit 5s: lnd is still syncing; restore says so and stops with exit 75, state kept"
set +e
# shellcheck disable=SC2046
recover restore --vault "$VAULT_URL" --lnddir "$NODE_DIR" --network regtest $(seed_files) \
  --wallet-password-file "$WORK/wallet-password.txt" --work-dir "$WORK/restore" --wait-limit 5s > "$WORK/limited.out" 2>&1
code=$?
set -e
[ $code -eq 75 ] || fail "restore with a 5 s limit exited $code (expected 75): $(cat "$WORK/limited.out")"
grep -q "its wallet is still syncing with the chain (the chain is at block $height)" "$WORK/limited.out" \
  || fail "restore did not say what lnd is doing: $(cat "$WORK/limited.out")"
grep -q "run the same command again to keep waiting" "$WORK/limited.out" || fail "no resume advice: $(cat "$WORK/limited.out")"
[ "$(json_get "$WORK/restore/restore-state.json" "j['walletCreated']")" = True ] || fail "the state file does not record the wallet"
node_is RPC_ACTIVE || fail "lnd is $(node_state), expected RPC_ACTIVE while it syncs"
grep "waiting for lnd" "$WORK/limited.out" | tail -n 1 | sed 's/^/   /'

step "restore without a limit is killed while it waits (as by a power cut): nothing is lost"
# The process itself, not a shell function around it, so that $! is casa-recover; SIGKILL, since
# under the test runner SIGTERM is blocked in every child (and a power cut sends no signal).
# shellcheck disable=SC2046
"$CASA_BIN/casa-recover" restore --vault "$VAULT_URL" --lnddir "$NODE_DIR" --network regtest $(seed_files) \
  --wallet-password-file "$WORK/wallet-password.txt" --work-dir "$WORK/restore" > "$WORK/killed.out" 2>&1 &
victim=$!
DRILL_PIDS+=("$victim")
wait_for 30 "the waiting restore to report lnd's sync" 'grep -q "still syncing" "$WORK/killed.out"'
sim sync 20 >/dev/null
kill -KILL "$victim"; wait "$victim" 2>/dev/null || true
synced=$(sim status | python3 -c 'import json,sys; s=json.load(sys.stdin)["chain_sync"]; print(s["syncing"], s["synced_height"])')
[ "$synced" = "True 520" ] || fail "chain sync after 20 blocks: $synced (expected still syncing at 520)"
say "   killed while lnd was at block 520 of $height"

step "the rescan finishes; the same command resumes: no second wallet, the exact channels restored"
sim sync $((height - 520)) >/dev/null
wait_for 30 "lnd's server after the sync" 'node_is SERVER_ACTIVE'
restore_node restore --vault "$VAULT_URL"
[ $RESTORE_EXIT -eq 75 ] || fail "restore exited $RESTORE_EXIT (expected 75: nothing proven yet): $(cat "$WORK/restore.json")"
[ "$(json_get "$WORK/restore.json" "j['wallet_created']")" = True ] || fail "the resumed run lost the wallet it created"
expect_points "restore" "$(restore_points restore)" "$(points_with peer_connected "${points[@]}")"
prove_closes restore "${points[@]}"
pass "lnd synced $((height - 500)) blocks on a stopped clock; restore waited, stopped at its limit, survived a kill, resumed and proved both closes"
