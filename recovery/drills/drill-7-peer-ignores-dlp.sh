#!/usr/bin/env bash
# Drill 7: a peer that ignores data-loss protection (issue 7; docs/force-close.md).
# The node loses its lnd folder; `casa-recover restore` brings the channel back from
# channel.backup; the peer is `silent`: it ignores lnd's data-loss channel_reestablish (some CLN
# versions, lnd #7301), so the channel does not close. `casa-recover trigger-force-close`
# connects to it as our node (lnd-sim's peers are real BOLT 8 listeners) and sends `error` for
# the channel; the peer broadcasts its commitment and one block closes the channel.
. "$(dirname "$0")/lib.sh"
drill_init 7 "a peer that ignores data-loss protection"

# bounded SECONDS COMMAND...: a hard time limit (KILL 5 s after TERM: a process started from a
# thread that blocks SIGTERM inherits that mask).
bounded() { local seconds=$1; shift; timeout -k 5 "$seconds" "$@"; }
peer_listening() { sim status | python3 -c 'import json,sys; sys.exit(0 if all(p["listening"] for p in json.load(sys.stdin)["peers"]) else 1)'; }
json() { python3 -c 'import json,sys; j=json.load(sys.stdin); v=eval(sys.argv[1]); print(json.dumps(v) if isinstance(v,(dict,list)) else v)' "$1"; }

# rest PATH: lnd's REST API (GET) with the admin macaroon, read from a 0600 header file.
rest() {
  local chain="$NODE_DIR/data/chain/bitcoin/regtest" port
  (umask 077; printf 'Grpc-Metadata-macaroon: %s\n' "$(od -An -v -tx1 "$chain/admin.macaroon" | tr -d ' \n')" > "$WORK/macaroon.header")
  port=$(sed -n 's/^restlisten=.*:\([0-9]*\)$/\1/p' "$NODE_DIR/lnd.conf")
  curl -fsS --max-time 20 --cacert "$NODE_DIR/tls.cert" -H "@$WORK/macaroon.header" "https://127.0.0.1:$port$1"
}
# [[channel_point, closing_txid], …] of pendingchannels' waiting_close_channels.
waiting_close() { rest /v1/channels/pending | json '[[c["channel"]["channel_point"], c["closing_txid"]] for c in j["waiting_close_channels"]]'; }

step "a node with one channel to a peer that ignores data-loss protection"
start_seeded_node "$WORK/node"
peer=$(sim add-peer --alias ignores-dlp --implementation "cln v0.10.2" | json 'j["pubkey"]')
sim peer silent "$peer" > /dev/null
channel=$(open_channel --peer "$peer" --type anchors-zero-fee-htlc --capacity 2000000)
wait_for 20 "the peer's Lightning listener" 'peer_listening'
cp "$NODE_DIR/data/chain/bitcoin/regtest/channel.backup" "$WORK/channel.backup"
say "   channel $channel with silent peer $peer; channel.backup kept"

step "disaster: lnd's folder is gone (the peer and the chain remain)"
destroy_node
start_node "$WORK/node"
wait_for 30 "the new lnd to wait for a wallet" 'node_is NON_EXISTING'

step "casa-recover restore: wallet from the words, the channel from channel.backup"
set +e
# shellcheck disable=SC2046
bounded 300 "$CASA_BIN/casa-recover" restore --backup "$WORK/channel.backup" --lnddir "$NODE_DIR" --network regtest \
  $(seed_files) --wallet-password-file "$WORK/wallet-password.txt" --work-dir "$WORK/restore" \
  --json > "$WORK/restore.json" 2> "$WORK/restore.log"
code=$?
set -e
# A connected peer proves nothing (M7): restore says so and exits 75; it never asks the peer
# directly on its own (H3).
[ $code -eq 75 ] || fail "restore exited $code (expected 75: no close proven): $(cat "$WORK/restore.json")"
restored=$(json_get "$WORK/restore.json" "[(c['channel_point'], c['status']) for c in j['channels']]")
[ "$restored" = "[('$channel', 'peer_connected')]" ] || fail "restore reported $restored"
say "   restore: the peer is connected and was asked to close ($restored), nothing proven: exit 75"

step "the peer ignores lnd's data-loss reestablish: no closing transaction, blocks or not"
sim mine 6 > /dev/null
waiting=$(waiting_close)
[ "$waiting" = "[[\"$channel\", \"\"]]" ] || fail "expected $channel waiting to close without a closing txid, pendingchannels: $waiting"
say "   pendingchannels after 6 blocks: $waiting"

step "casa-recover trigger-force-close: reestablish, then error for the channel"
set +e
# shellcheck disable=SC2046
bounded 120 "$CASA_BIN/casa-recover" trigger-force-close --backup "$WORK/channel.backup" --network regtest --yes \
  --listen 2 $(seed_files) --json > "$WORK/trigger.json" 2> "$WORK/trigger.log"
code=$?
set -e
outcome=$(json_get "$WORK/trigger.json" "[(c['channel'], c['outcome']) for c in j['channels']]" 2> /dev/null || echo "no JSON")
# The peer closes without a word (only the chain shows it): outcome silent, exit 75 (docs/recover-cli.md).
[ $code -eq 75 ] || fail "trigger-force-close exited $code (expected 75): $outcome"
[ "$outcome" = "[('$channel', 'silent')]" ] || fail "trigger-force-close reported $outcome"
say "   trigger-force-close: $outcome, exit $code"

step "the peer broadcast its commitment; lnd acts on it 3 blocks deep, sweeps a block later"
spent() { sim status | json '[s["spending_txid"] for s in j["funding_spends"] if s["channel_point"] == "'"$channel"'"]'; }
wait_for 20 "the peer's closing transaction on the simulated chain" '[ "$(spent)" != "[]" ]'
txid=$(spent | json 'j[0]')
[ "$(waiting_close)" = "[[\"$channel\", \"\"]]" ] || fail "lnd saw the close in the mempool: $(waiting_close)"
prove_closes restore "$channel"
closed=$(json_get "$WORK/restore-status.json" "[(c['channel_point'], c['closing_txid']) for c in j['channels']]")
[ "$closed" = "[('$channel', '$txid')]" ] || fail "status: $closed (expected the peer's txid $txid)"
pass "channel $channel closed by the silent peer after trigger-force-close (closing txid $txid, proven by lnd)"
