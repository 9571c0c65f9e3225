#!/usr/bin/env bash
# Drill 8: wrong words or a wrong aezeed passphrase. Every command stops with a clear error before
# it changes anything: the vault keeps its snapshots, a fresh lnd keeps waiting for a wallet.
# Runbook: recovery/wrong-words.md.
. "$(dirname "$0")/lib.sh"
drill_init 8 "wrong words or passphrase"

step "a backed-up node with two channels"
start_vault
start_seeded_node "$WORK/node"
open_channel >/dev/null; open_channel >/dev/null; sim mine 3 >/dev/null
enroll_agent
start_agent
wait_for 60 "the two-channel snapshot in the vault" 'test "$(vault_newest channels)" = 2'
versions=$(vault_newest number)
stop_agent

# Another valid aezeed seed (not this node's), and a wrong passphrase for the right words.
echo "abandon kangaroo tribe spell brass entry argue buzz muffin total rug title autumn wish use bubble alarm rent machine hockey fork slam gaze tobacco" > "$WORK/other-words.txt"
echo "not the passphrase" > "$WORK/wrong-passphrase.txt"
twelve=$(cut -d' ' -f1-12 "$WORK/words.txt"); echo "$twelve" > "$WORK/twelve-words.txt"
chmod 600 "$WORK"/*.txt

# expect_refusal LABEL WORDS PASSPHRASE COMMAND...: the command must fail and say why.
expect_refusal() {
  local label=$1 words=$2 passphrase=$3; shift 3
  set +e
  "$@" --words-file "$words" ${passphrase:+--passphrase-file "$passphrase"} > "$WORK/out.txt" 2>&1
  local code=$?
  set -e
  [ $code -ne 0 ] || fail "$label: accepted ($(cat "$WORK/out.txt"))"
  say "   $label: exit $code: $(grep -v '^$' "$WORK/out.txt" | tail -n 1 | cut -c1-160)"
}

step "the node dies; a fresh lnd waits for a wallet"
destroy_node
start_node "$WORK/node"
wait_for 30 "the new lnd to wait for a wallet" 'node_is NON_EXISTING'

step "wrong passphrase, other words, too few words: every command refuses"
expect_refusal "list, wrong passphrase" "$WORK/words.txt" "$WORK/wrong-passphrase.txt" recover list --vault "$VAULT_URL" --network regtest
expect_refusal "list, other words" "$WORK/other-words.txt" "" recover list --vault "$VAULT_URL" --network regtest
expect_refusal "list, 12 words" "$WORK/twelve-words.txt" "" recover list --vault "$VAULT_URL" --network regtest
expect_refusal "restore, wrong passphrase" "$WORK/words.txt" "$WORK/wrong-passphrase.txt" recover restore --vault "$VAULT_URL" \
  --lnddir "$WORK/node" --network regtest --wallet-password-file "$WORK/wallet-password.txt" --work-dir "$WORK/restore"
expect_refusal "restore, other words" "$WORK/other-words.txt" "" recover restore --vault "$VAULT_URL" \
  --lnddir "$WORK/node" --network regtest --wallet-password-file "$WORK/wallet-password.txt" --work-dir "$WORK/restore"
expect_refusal "revoke-device, other words" "$WORK/other-words.txt" "" recover revoke-device --vault "$VAULT_URL" \
  --device 0000000000000000000000000000000000000000000000000000000000000000 --yes

step "nothing changed"
node_is NON_EXISTING || fail "lnd is $(node_state): a wallet was created with wrong words"
[ "$(vault_newest number)" = "$versions" ] || fail "the vault changed"
[ "$(vault_newest channels)" = 2 ] || fail "the vault's newest snapshot changed"
say "   lnd still $(node_state); the vault still at v$versions with 2 channels"

step "the right words still work"
restore_node restore --vault "$VAULT_URL"
[ "$(json_get "$WORK/restore.json" "j['restored_now']")" = 2 ] || fail "restore did not bring back 2 channels"
pass "6 wrong inputs refused with a reason, nothing changed, then the right words restored both channels"
