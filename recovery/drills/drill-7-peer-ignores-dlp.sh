#!/usr/bin/env bash
# Drill 7: a peer that ignores data-loss protection (issue 7; recovery/drills/README.md).
#
# Real processes on loopback: `lnd-sim` (a simulated lnd whose peers are real BOLT 8 listeners)
# and `casa-recover`. The node loses everything; `casa-recover restore` brings the channel back
# from channel.backup; the peer is `silent` (it ignores the data-loss channel_reestablish, like
# some CLN versions, lnd #7301), so the channel does not close; `casa-recover
# trigger-force-close` sends it an `error` for the channel and it force-closes; one block
# confirms the close.
#
# Usage: recovery/drills/drill-7-peer-ignores-dlp.sh
#   CASA_BIN_DIR  directory holding lnd-sim and casa-recover (default: .build/debug of this repo)
# The last line is `drill 7: PASS …` (exit 0) or `drill 7: FAIL …` (exit 1).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=${CASA_BIN_DIR:-$repo/.build/debug}
lndsim=$bin/lnd-sim
recover=$bin/casa-recover

fail() {
    echo "drill 7: FAIL $*"
    exit 1
}

for tool in "$lndsim" "$recover"; do
    [[ -x $tool ]] || fail "missing $tool (build with swift build, or set CASA_BIN_DIR)"
done
for tool in curl python3 timeout; do
    command -v "$tool" >/dev/null || fail "missing $tool (scripts/install-deps)"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/casa-drill-7.XXXXXX")
lnd=$work/lnd
sim_pid=""

cleanup() {
    local status=$?
    if [[ -n $sim_pid ]] && kill -0 "$sim_pid" 2>/dev/null; then
        # A process started from a thread that blocks SIGTERM inherits that mask: fall back to KILL.
        kill -TERM "$sim_pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$sim_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$sim_pid" 2>/dev/null || true
        wait "$sim_pid" 2>/dev/null || true
    fi
    if [[ $status -ne 0 && -f $work/lnd-sim.log ]]; then
        echo "--- lnd-sim log (last 30 lines) ---" >&2
        tail -n 30 "$work/lnd-sim.log" >&2 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# Runs a command with a hard time limit (KILL 5 s after TERM, for the same reason as above).
bounded() {
    local seconds=$1
    shift
    timeout -k 5 "$seconds" "$@"
}

# wait_for SECONDS DESCRIPTION COMMAND...: polls every 0.1 s until COMMAND succeeds.
wait_for() {
    local seconds=$1 what=$2
    shift 2
    local tries=$((seconds * 10))
    for _ in $(seq "$tries"); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.1
    done
    fail "timed out after ${seconds}s waiting for $what"
}

# json FIELD-EXPRESSION: evaluates a Python expression on the JSON object read from stdin (`j`).
json() {
    python3 -c 'import json, sys; j = json.load(sys.stdin); v = eval(sys.argv[1]); print(v if not isinstance(v, (dict, list)) else json.dumps(v))' "$1"
}

sim() { bounded 30 "$lndsim" "$@" --lnddir "$lnd"; }

# rest METHOD PATH [BODY]: lnd's REST API over HTTPS with the admin macaroon (from a 0600 header file).
rest() {
    local header=$work/macaroon-header
    if [[ -f $lnd/data/chain/bitcoin/regtest/admin.macaroon ]]; then
        (umask 077; printf 'Grpc-Metadata-macaroon: %s\n' "$(xxd -p -c 1000 "$lnd/data/chain/bitcoin/regtest/admin.macaroon" 2>/dev/null \
            || python3 -c 'import sys; print(open(sys.argv[1], "rb").read().hex())' "$lnd/data/chain/bitcoin/regtest/admin.macaroon")" >"$header")
    else
        : >"$header"
    fi
    local port
    port=$(sed -n 's/^restlisten=.*:\([0-9]*\)$/\1/p' "$lnd/lnd.conf")
    local args=(-sS --max-time 20 --cacert "$lnd/tls.cert" -H "@$header" -X "$1")
    if [[ $# -ge 3 ]]; then args+=(-H 'Content-Type: application/json' --data-binary @-); fi
    if [[ $# -ge 3 ]]; then
        printf '%s' "$3" | curl "${args[@]}" "https://127.0.0.1:$port$2"
    else
        curl "${args[@]}" "https://127.0.0.1:$port$2"
    fi
}

state_is() { [[ $(sim status | json 'j["state"]') == "$1" ]]; }

# --- secrets (vector A of lnd-facts.md §6.1), files 0600, never in argv ---
umask 077
echo "abstract noble exhaust silk pill game train lab lawsuit tunnel adult spin goddess elegant island ridge kidney sunset door train method install misery oyster" >"$work/words"
printf 'El Psy Kongroo\n' >"$work/passphrase"
printf 'drill seven wallet password\n' >"$work/wallet-password"

# --- 1. a node with one channel to a silent peer ---
echo "drill 7: starting lnd-sim in $lnd"
"$lndsim" run --lnddir "$lnd" --network regtest --wallet-password-file "$work/wallet-password" \
    --startup-delay-ms 50 >"$work/lnd-sim.log" 2>&1 &
sim_pid=$!
wait_for 60 "lnd-sim's control port" test -s "$lnd/lnd-sim-admin-port"
wait_for 30 "lnd-sim NON_EXISTING" state_is NON_EXISTING

init_body=$(python3 - "$work/words" "$work/passphrase" "$work/wallet-password" <<'EOF'
import base64, json, sys
words = open(sys.argv[1]).read().split()
def b64(path): return base64.b64encode(open(path, "rb").read().rstrip(b"\r\n")).decode()
print(json.dumps({"wallet_password": b64(sys.argv[3]), "cipher_seed_mnemonic": words, "aezeed_passphrase": b64(sys.argv[2])}))
EOF
)
rest POST /v1/initwallet "$init_body" | json '"admin_macaroon" in j' | grep -qx True || fail "InitWallet failed"
wait_for 60 "SERVER_ACTIVE" state_is SERVER_ACTIVE

peer=$(sim add-peer --alias ignores-dlp --implementation "cln v0.10.2" | json 'j["pubkey"]')
sim peer silent "$peer" >/dev/null
channel=$(sim open-channel --peer "$peer" --type anchors-zero-fee-htlc --capacity 2000000 | json 'j["channel_point"]')
wait_for 20 "the silent peer's listener" bash -c "'$lndsim' status --lnddir '$lnd' | python3 -c 'import json,sys; j=json.load(sys.stdin); sys.exit(0 if all(p[\"listening\"] for p in j[\"peers\"]) else 1)'"
cp "$lnd/data/chain/bitcoin/regtest/channel.backup" "$work/channel.backup"
echo "drill 7: channel $channel with silent peer $peer; channel.backup saved"

# --- 2. disaster: the node loses its whole lnd directory (the peer and the chain remain) ---
sim delete all >/dev/null
wait_for 30 "the wiped node (NON_EXISTING)" state_is NON_EXISTING

# --- 3. restore: wallet from the words, then the channel from the backup ---
set +e
bounded 300 "$recover" restore --backup "$work/channel.backup" --lnddir "$lnd" --network regtest --no-trigger \
    --work-dir "$work/recover" --words-file "$work/words" --passphrase-file "$work/passphrase" \
    --wallet-password-file "$work/wallet-password" --json >"$work/restore.json" 2>"$work/restore.err"
restore_status=$?
set -e
[[ $restore_status -eq 0 || $restore_status -eq 75 ]] || { cat "$work/restore.err" >&2; fail "casa-recover restore exited $restore_status"; }
restored=$(json '[c["channel_point"] for c in j["channels"]]' <"$work/restore.json")
[[ $restored == "[\"$channel\"]" ]] || fail "restore reported $restored, expected [$channel]"

# --- 4. the silent peer ignores lnd's data-loss reestablish: nothing closes ---
sim mine 6 >/dev/null
pending=$(rest GET /v1/channels/pending)
waiting=$(json '[(c["channel"]["channel_point"], c["closing_txid"]) for c in j["waiting_close_channels"]]' <<<"$pending")
[[ $waiting == "[[\"$channel\", \"\"]]" ]] || fail "after restore and 6 blocks, expected $channel waiting to close without a closing transaction, got $waiting"
connected=$(sim status | json '[p["connected"] for p in j["peers"]]')
[[ $connected == "[true]" ]] || fail "lnd should be connected to the silent peer (it got the reestablish), got $connected"
echo "drill 7: restored; the peer is connected and silent, the channel is not closing"

# --- 5. trigger-force-close: connect as our node, reestablish, then error ---
set +e
bounded 120 "$recover" trigger-force-close --backup "$work/channel.backup" --network regtest --yes --json --listen 2 \
    --words-file "$work/words" --passphrase-file "$work/passphrase" >"$work/trigger.json" 2>"$work/trigger.err"
trigger_status=$?
set -e
outcome=$(json '[(c["channel"], c["outcome"]) for c in j["channels"]]' <"$work/trigger.json" 2>/dev/null || echo "unreadable")
# The peer closes without answering (only the chain shows it): `silent`, exit 75 (docs/recover-cli.md).
[[ $trigger_status -eq 75 ]] || { cat "$work/trigger.err" >&2; fail "trigger-force-close exited $trigger_status (expected 75), outcome $outcome"; }
[[ $outcome == "[[\"$channel\", \"silent\"]]" ]] || fail "trigger-force-close outcome $outcome, expected silent for $channel"

# --- 6. the peer broadcast its commitment; one block confirms it ---
closing_txid() { rest GET /v1/channels/pending | json '([c["closing_txid"] for c in j["waiting_close_channels"]] + [""])[0]'; }
txid=""
for _ in $(seq 100); do
    txid=$(closing_txid)
    [[ ${#txid} -eq 64 ]] && break
    sleep 0.1
done
[[ ${#txid} -eq 64 ]] || fail "no closing transaction after trigger-force-close (got '$txid')"
sim mine 1 >/dev/null
phase=$(sim status | json '[(c["channel_point"], c["phase"], c["closing_txid"]) for c in j["channels"]]')
[[ $phase == "[[\"$channel\", \"closed\", \"$txid\"]]" ]] || fail "after one block expected $channel closed by $txid, got $phase"
left=$(rest GET /v1/channels/pending | json 'len(j["waiting_close_channels"]) + len(j["pending_force_closing_channels"])')
[[ $left == 0 ]] || fail "pendingchannels still lists $left channel(s)"

echo "drill 7: PASS channel $channel closed by the silent peer after trigger-force-close (closing txid $txid)"
