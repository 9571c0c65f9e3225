#!/usr/bin/env bash
# docs/lnd-client.md's restore macaroon holds every call casa-recover restore and status make
# (the fidelity review found ListPeers missing): restore into an lnd whose only macaroon casa
# uses is exactly that list, and follow the closes to the end with it.
. "$(dirname "$0")/../../../recovery/drills/lib.sh"
drill_init restore-macaroon "restore with the documented least-privilege macaroon"

start_vault
start_seeded_node "$WORK/node"
sim add-peer --alias carol >/dev/null
for type in anchors-zero-fee-htlc simple-taproot; do open_channel --type "$type" >/dev/null; done
sim mine 6 >/dev/null
enroll_agent
start_agent
wait_for 60 "the two-channel snapshot in the vault" 'test "$(vault_newest channels)" = 2'
stop_agent

step "the node is lost; a new lnd from the same words (wallet unlocked, no channels)"
destroy_node
rm -rf "$WORK/agent"
start_seeded_node "$WORK/node"
wait_for 30 "the new lnd to be active" 'node_is SERVER_ACTIVE'

step "the restore macaroon of docs/lnd-client.md, saved where casa-recover looks first"
# The URIs of the lncli command in docs/lnd-client.md ("For a restore").
uris=$(sed -n '/^For a restore/,/--save_to restore.macaroon/p' "$DRILL_ROOT/docs/lnd-client.md" | grep -o 'uri:[^ ]*')
[ "$(echo "$uris" | wc -l)" -ge 8 ] || fail "cannot read the restore macaroon's URIs from docs/lnd-client.md: $uris"
# shellcheck disable=SC2086
sim bake-macaroon $uris --save-to "$WORK/node/data/chain/bitcoin/regtest/casa.macaroon" >/dev/null
say "   $(echo $uris | tr ' ' '\n' | sed 's|uri:/lnrpc.Lightning/||' | tr '\n' ' ')"

step "casa-recover restore and status with only those permissions"
restore_node restore --vault "$VAULT_URL"
case $RESTORE_EXIT in 0|75) ;; *) fail "restore exited $RESTORE_EXIT: $(cat "$WORK/restore.json")" ;; esac
if grep -q "permission denied" "$WORK/restore.json"; then fail "a call was refused: $(cat "$WORK/restore.json")"; fi
[ "$(json_get "$WORK/restore.json" "j['restored_now']")" = 2 ] || fail "not 2 channels restored: $(cat "$WORK/restore.json")"
sim mine 200 >/dev/null
recover status --lnddir "$WORK/node" --network regtest --state "$WORK/restore/restore-state.json" > "$WORK/status.txt" 2>&1 \
  || fail "casa-recover status: $(cat "$WORK/status.txt")"
pass "restore and status ran with the documented restore macaroon only (2 channels restored, closed and swept)"
