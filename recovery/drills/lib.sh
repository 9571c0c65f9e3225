# Shared helpers for the disaster drills and the demo: real processes on loopback, every wait
# bounded, everything started is stopped on exit. Source it from a drill:
#   . "$(dirname "$0")/lib.sh"; drill_init 1 "SD card dies"
# CASA_BIN: folder with casa-vault, casa-backupd, casa-recover and lnd-sim (default: swift build's).
# DRILL_KEEP=1 keeps the work folder for inspection.
set -euo pipefail

DRILL_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DRILL_PIDS=()
DRILL_NAME=""
DRILL_STEP=0

drill_init() { # number, title
  case "$1" in [0-9]*) DRILL_NAME="drill $1" ;; *) DRILL_NAME="$1" ;; esac
  CASA_BIN=${CASA_BIN:-$(cd "$DRILL_ROOT" && swift build --show-bin-path)}
  for tool in casa-vault casa-backupd casa-recover lnd-sim; do
    [ -x "$CASA_BIN/$tool" ] || { echo "$DRILL_NAME: $CASA_BIN/$tool is missing: run swift build first" >&2; exit 2; }
  done
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/casa-drill-$1.XXXXXX")
  chmod 700 "$WORK"
  trap drill_cleanup EXIT
  trap "exit 143" TERM INT
  # Vector A (docs/lnd.md §6.1): a real lnd seed, regtest. Secrets live in 0600 files, never in argv.
  local vector="$DRILL_ROOT/Tests/Vectors/scb/anchors-multi.vector"
  sed -n 's/^mnemonic: //p' "$vector" > "$WORK/words.txt"
  sed -n 's/^aezeed passphrase: //p' "$vector" > "$WORK/passphrase.txt"
  printf 'correct horse battery staple\n' > "$WORK/wallet-password.txt"
  chmod 600 "$WORK"/*.txt
  say "== $DRILL_NAME: $2 (work folder $WORK)"
}

drill_cleanup() { # [status]: the script's exit status when called from another EXIT trap
  local status=${1:-$?}
  for pid in "${DRILL_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${DRILL_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ $status -ne 0 ]; then
    echo "--- logs of the failed $DRILL_NAME ---" >&2
    for log in "$WORK"/*.log; do [ -f "$log" ] && { echo "--- $log" >&2; tail -n 40 "$log" >&2; }; done
    echo "$DRILL_NAME: FAIL (exit $status)"
  fi
  [ "${DRILL_KEEP:-0}" = 1 ] || rm -rf "$WORK"
  exit $status
}

say() { echo "$*"; }
step() { DRILL_STEP=$((DRILL_STEP + 1)); echo; echo "-- $DRILL_STEP. $*"; }
fail() { echo "$DRILL_NAME: FAIL: $*" >&2; exit 1; }
pass() { echo; echo "$DRILL_NAME: PASS: $*"; }

# wait_for SECONDS DESCRIPTION 'CONDITION': evaluates the shell CONDITION (single-quoted, so
# that $(...) inside runs again each time) every 0.2 s until it holds.
wait_for() {
  local limit=$1 what=$2 condition=$3
  local deadline=$((SECONDS + limit))
  until eval "$condition" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || fail "timed out after ${limit}s waiting for $what"
    sleep 0.2
  done
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_vault [extra casa-vault serve flags]: SQLite in $WORK/vault; sets VAULT_URL, VAULT_PID.
start_vault() {
  local port=${VAULT_PORT:-$(free_port)}
  VAULT_PORT=$port
  "$CASA_BIN/casa-vault" serve --data "$WORK/vault" --port "$port" "$@" >> "$WORK/vault.log" 2>&1 &
  VAULT_PID=$!
  DRILL_PIDS+=("$VAULT_PID")
  VAULT_URL="http://127.0.0.1:$port"
  wait_for 30 "the vault at $VAULT_URL" 'curl -fsS "$VAULT_URL/health"'
}

stop_vault() { kill "$VAULT_PID" 2>/dev/null || true; wait "$VAULT_PID" 2>/dev/null || true; }

# start_node DIR [lnd-sim run flags]: a simulated lnd; sets NODE_DIR, NODE_PID. With
# --seed-words-file and --wallet-password-file the wallet is created/unlocked at start.
start_node() {
  NODE_DIR=$1; shift
  mkdir -p "$NODE_DIR"
  rm -f "$NODE_DIR/lnd-sim-admin-port"
  "$CASA_BIN/lnd-sim" run --lnddir "$NODE_DIR" --network regtest --startup-delay-ms 50 "$@" >> "$WORK/lnd-sim.log" 2>&1 &
  NODE_PID=$!
  DRILL_PIDS+=("$NODE_PID")
  wait_for 30 "lnd-sim's control port" 'test -s "$NODE_DIR/lnd-sim-admin-port"'
  wait_for 30 "lnd-sim's REST port" 'sim status'
}

stop_node() { kill "$NODE_PID" 2>/dev/null || true; wait "$NODE_PID" 2>/dev/null || true; }

# The node from vector A's words, wallet created and unlocked at start.
start_seeded_node() {
  start_node "$1" --seed-words-file "$WORK/words.txt" --aezeed-passphrase-file "$WORK/passphrase.txt" \
    --wallet-password-file "$WORK/wallet-password.txt"
  # Opening channels needs SERVER_ACTIVE (lnd's ConnectPeer); on a loaded machine the unlock takes a moment.
  wait_for 30 "lnd to be active" 'node_is SERVER_ACTIVE'
}

sim() { "$CASA_BIN/lnd-sim" "$@" --lnddir "$NODE_DIR"; }
node_state() { sim status | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])'; }
node_is() { [ "$(node_state)" = "$1" ]; }

# open_channel [lnd-sim open-channel flags]: prints the channel point.
open_channel() {
  sim open-channel "$@" | python3 -c 'import json,sys; print(json.load(sys.stdin)["channel_point"])'
}

# A disaster: the node's whole lnd folder is gone; the simulated network (peers, chain) remains.
destroy_node() {
  stop_node
  cp "$NODE_DIR/lnd-sim-world.json" "$WORK/world.json"
  rm -rf "$NODE_DIR"
  mkdir -p "$NODE_DIR"
  cp "$WORK/world.json" "$NODE_DIR/lnd-sim-world.json"
}

# lose_node: the disaster: the agent stops, lnd's folder and the agent's state folder are gone,
# and a fresh lnd on the same network waits for a wallet.
lose_node() {
  stop_agent
  destroy_node
  rm -rf "$WORK/agent"
  start_node "$NODE_DIR"
  wait_for 30 "the new lnd to wait for a wallet" 'node_is NON_EXISTING'
}

# sealed_unlock_node: the vault, vector A's node and the enrolled agent, with sealed auto-unlock
# set up (lnd locked, `unlock setup` with the password, lnd active again); the password file is
# moved aside to wallet-password.txt.kept (lnd-sim no longer reads it at start).
sealed_unlock_node() {
  start_vault
  start_seeded_node "$WORK/node"
  enroll_agent >/dev/null
  mv "$WORK/wallet-password.txt" "$WORK/wallet-password.txt.kept"
  sim lock >/dev/null
  wait_for 30 "lnd to be LOCKED" 'node_is LOCKED'
  # shellcheck disable=SC2046
  "$CASA_BIN/casa-backupd" unlock setup $(agent_args) --password-file "$WORK/wallet-password.txt.kept" > "$WORK/setup.log" 2>&1 \
    || fail "unlock setup: $(cat "$WORK/setup.log")"
  wait_for 30 "lnd to be active after setup" 'node_is SERVER_ACTIVE'
}

agent_args() {
  echo --lnddir "${AGENT_LNDDIR:-$NODE_DIR}" --network regtest --state-dir "$WORK/agent" --vault-url "$VAULT_URL" --metrics-port "$AGENT_PORT"
}

# bake_agent_macaroon: the agent's least-privilege macaroon (docs/lnd-client.md), baked once per
# node as casa.macaroon in lnd's network folder, where the agent looks for it (it refuses
# admin.macaroon). lnd must be unlocked to bake; a locked node keeps the one baked before.
bake_agent_macaroon() {
  local dir="${AGENT_LNDDIR:-$NODE_DIR}/data/chain/bitcoin/regtest"
  [ -f "$dir/casa.macaroon" ] && return 0
  node_is SERVER_ACTIVE || node_is RPC_ACTIVE || return 0
  sim bake-macaroon uri:/lnrpc.Lightning/GetInfo uri:/lnrpc.Lightning/ListChannels uri:/lnrpc.Lightning/PendingChannels \
    uri:/lnrpc.Lightning/ExportAllChannelBackups uri:/lnrpc.Lightning/SubscribeChannelBackups uri:/lnrpc.Lightning/VerifyChanBackup \
    uri:/signrpc.Signer/DeriveSharedKey --save-to "$dir/casa.macaroon" >/dev/null
}

enroll_agent() {
  AGENT_PORT=${AGENT_PORT:-$(free_port)}
  bake_agent_macaroon
  # shellcheck disable=SC2046
  "$CASA_BIN/casa-backupd" enroll $(agent_args) --words-file "$WORK/words.txt" --passphrase-file "$WORK/passphrase.txt"
}

start_agent() {
  AGENT_PORT=${AGENT_PORT:-$(free_port)}
  bake_agent_macaroon
  # shellcheck disable=SC2046
  "$CASA_BIN/casa-backupd" run $(agent_args) "$@" >> "$WORK/agent.log" 2>&1 &
  AGENT_PID=$!
  DRILL_PIDS+=("$AGENT_PID")
  wait_for "${AGENT_START_SECONDS:-30}" "the agent's control port" 'curl -fsS "http://127.0.0.1:$AGENT_PORT/status"'
}

stop_agent() { kill "${1:--TERM}" "$AGENT_PID" 2>/dev/null || true; wait "$AGENT_PID" 2>/dev/null || true; }

# agent_status FIELD: one field of `casa-backupd status --json`.
agent_status() {
  # shellcheck disable=SC2046
  "$CASA_BIN/casa-backupd" status $(agent_args) --json | python3 -c "import json,sys; v=json.load(sys.stdin).get('$1'); print('' if v is None else v)"
}

recover() { "$CASA_BIN/casa-recover" "$@"; }
seed_files() { echo --words-file "$WORK/words.txt" --passphrase-file "$WORK/passphrase.txt"; }

# vault_newest FIELD: a field of the newest snapshot in the vault, read with the words.
vault_newest() {
  # shellcheck disable=SC2046
  recover list --vault "$VAULT_URL" --network regtest $(seed_files) --json \
    | python3 -c "import json,sys; s=json.load(sys.stdin)['snapshots']; print(s[0]['$1'] if s else '')"
}

# json_get FILE EXPRESSION: evaluates a Python expression on the JSON in FILE (as `j`).
json_get() { python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print($2)" "$1"; }

# decoded FILE: a channel.backup's channels, decrypted with the words (casa-recover inspect),
# sorted by channel point: lnd writes the file's Singles in random order (D2), so two copies of
# one state compare equal as sets.
decoded() {
  recover inspect --backup "$1" --network regtest $(seed_files) --json \
    | python3 -c 'import json,sys; j=json.load(sys.stdin); j.pop("file", None); j.pop("source", None); j["channels"].sort(key=lambda c: c["channel_point"]); print(json.dumps(j, sort_keys=True))'
}

# converged: the newest vault and local snapshots hold exactly lnd's current channel.backup.
converged() {
  local expected
  expected=$(decoded "$NODE_DIR/data/chain/bitcoin/regtest/channel.backup") || return 1
  rm -f "$WORK/vault.backup" "$WORK/local.backup"
  recover fetch --vault "$VAULT_URL" --network regtest $(seed_files) --output "$WORK/vault.backup" >/dev/null &&
  recover fetch --from "$WORK/agent/snapshots" --network regtest $(seed_files) --output "$WORK/local.backup" >/dev/null &&
  [ "$(decoded "$WORK/vault.backup")" = "$expected" ] && [ "$(decoded "$WORK/local.backup")" = "$expected" ]
}

# restore_node NAME [source and extra flags...]: `casa-recover restore --json` into the node with
# the words and the wallet password file; work folder $WORK/NAME, report $WORK/NAME.json; sets
# RESTORE_EXIT (restore's exit status; the caller decides what is expected).
restore_node() {
  local name=$1; shift
  set +e
  recover restore --lnddir "$NODE_DIR" --network regtest $(seed_files) --wallet-password-file "$WORK/wallet-password.txt" \
    --work-dir "$WORK/$name" --json "$@" > "$WORK/$name.json"
  RESTORE_EXIT=$?
  set -e
}

# points_with STATUS POINT...: the lines "POINT STATUS", sorted: what a report must hold exactly.
points_with() { local status=$1; shift; for point in "$@"; do echo "$point $status"; done | sort; }

# restore_points NAME: restore's report $WORK/NAME.json as sorted "POINT STATUS" lines.
restore_points() { json_get "$WORK/$1.json" "'\n'.join(sorted(c['channel_point'] + ' ' + c['status'] for c in j['channels']))"; }

# follow_status NAME: `casa-recover status --json` on restore NAME's state file into
# $WORK/NAME-status.json; sets STATUS_EXIT (0 only when every outcome is proven).
follow_status() {
  set +e
  recover status --lnddir "$NODE_DIR" --network regtest --state "$WORK/$1/restore-state.json" --json > "$WORK/$1-status.json"
  STATUS_EXIT=$?
  set -e
}

# status_points NAME: the last follow_status as sorted "POINT STATUS" lines.
status_points() { json_get "$WORK/$1-status.json" "'\n'.join(sorted(c['channel_point'] + ' ' + c['status'] for c in j['channels']))"; }

# status_txids NAME: how many channels of the last follow_status have a 64-hex closing txid.
status_txids() { json_get "$WORK/$1-status.json" "sum(1 for c in j['channels'] if len(c.get('closing_txid') or '') == 64)"; }

# expect_points WHAT ACTUAL EXPECTED: fails unless both line lists are equal.
expect_points() { [ "$2" = "$3" ] || fail "$1: expected
$3
got
$2"; }

# prove_closes NAME POINT...: lnd acts on a peer's close 3 blocks deep (D3): after 2 blocks the
# restored channels are not proven (status exit 75), after the 3rd they are confirmed (exit 0),
# one more block sweeps them (closed, with their closing txids).
prove_closes() {
  local name=$1; shift
  sim mine 2 >/dev/null
  follow_status "$name"
  [ $STATUS_EXIT -eq 75 ] || fail "status after 2 blocks exited $STATUS_EXIT (a close is acted on only 3 deep): $(cat "$WORK/$name-status.json")"
  expect_points "status after 2 blocks" "$(status_points "$name")" "$(points_with peer_connected "$@")"
  sim mine 1 >/dev/null
  follow_status "$name"
  [ $STATUS_EXIT -eq 0 ] || fail "status after 3 blocks exited $STATUS_EXIT: $(cat "$WORK/$name-status.json")"
  expect_points "status after 3 blocks" "$(status_points "$name")" "$(points_with confirmed "$@")"
  sim mine 1 >/dev/null
  follow_status "$name"
  [ $STATUS_EXIT -eq 0 ] || fail "status after the sweep exited $STATUS_EXIT"
  expect_points "status after the sweep" "$(status_points "$name")" "$(points_with closed "$@")"
  [ "$(status_txids "$name")" = $# ] || fail "not every closed channel has its closing txid: $(cat "$WORK/$name-status.json")"
}

# restored_points NAME: the channel points restore NAME's report lists, sorted, one a line
# (what it restored now plus what lnd had already): the snapshot it chose, exactly.
restored_points() { json_get "$WORK/$1.json" "'\n'.join(sorted(c['channel_point'] for c in j['channels']))"; }

# sorted_lines VALUE...: the values one a line, sorted (to compare with restored_points).
sorted_lines() { printf '%s\n' "$@" | sort; }

# expect_restore_ran NAME: restore NAME chose a snapshot and handed it to lnd: exit 0 (every
# outcome proven) or 75 (closes still to follow); anything else fails the drill.
expect_restore_ran() {
  [ $RESTORE_EXIT -eq 0 ] || [ $RESTORE_EXIT -eq 75 ] || fail "restore $1 exited $RESTORE_EXIT: $(cat "$WORK/$1.json")"
}

# settle_restore NAME: mines until `casa-recover status` on restore NAME says every channel's
# outcome is proven (exit 0): the restored channels are closed and swept, the node is clean.
settle_restore() {
  local tries=0
  while :; do
    sim mine 6 >/dev/null
    follow_status "$1"
    [ $STATUS_EXIT -eq 0 ] && return 0
    tries=$((tries + 1))
    [ $tries -lt 40 ] || fail "the restored channels of $1 never closed: $(cat "$WORK/$1-status.json")"
  done
}

# opened_points: every channel point ever funded on the simulated chain (from the world file
# destroy_node kept), sorted, one per line: what a restore must bring back.
opened_points() { python3 -c 'import json,sys; print("\n".join(sorted(json.load(open(sys.argv[1]))["fundingOutputs"])))' "$WORK/world.json"; }
