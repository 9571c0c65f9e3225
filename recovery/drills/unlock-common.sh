# Shared by drills 3 and 4 (sealed auto-unlock). Sourced, not run. Real processes on loopback:
# casa-vault (SQLite in a temp folder), lnd-sim (vector A's words), casa-backupd.
# CASA_BIN: the directory with the built executables (default: .build/debug of this checkout).
# Every wait is bounded; on exit every process started here is stopped and the temp folder removed.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BIN=${CASA_BIN:-$ROOT/.build/debug}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/casa-drill.XXXXXX")
PIDS=()
NETWORK=regtest
WALLET_PASSWORD="drill-wallet-$RANDOM$RANDOM-password"

cleanup() {
    local status=$?
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [ "$status" -ne 0 ]; then
        echo "--- drill failed (exit $status); logs:" >&2
        for log in "$WORK"/*.log; do [ -f "$log" ] && { echo "== $log" >&2; tail -n 30 "$log" >&2; }; done
    fi
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT

step() { echo "== $*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }

# wait_for SECONDS DESCRIPTION COMMAND...: runs COMMAND every 0.2 s until it succeeds.
wait_for() {
    local limit=$1 what=$2; shift 2
    local deadline=$((SECONDS + limit))
    until "$@" >/dev/null 2>&1; do
        [ "$SECONDS" -lt "$deadline" ] || fail "timed out after ${limit}s waiting for $what"
        sleep 0.2
    done
}

# The value of a top-level JSON field from stdin.
json_field() { python3 -c 'import json,sys; v=json.load(sys.stdin).get(sys.argv[1]); print(v if not isinstance(v,(dict,list)) else json.dumps(v))' "$1"; }

vector_field() { sed -n "s/^$1: //p" "$ROOT/Tests/Vectors/keys/backup-root-vector-a.txt"; }

start_vault() {
    "$BIN/casa-vault" serve --data "$WORK/vault-data" --port 0 >"$WORK/vault.log" 2>&1 &
    PIDS+=($!)
    wait_for 60 "the vault to start" grep -q "serving http" "$WORK/vault.log"
    VAULT_URL=$(sed -n 's/.*serving \(http:[^ ]*\).*/\1/p' "$WORK/vault.log" | head -n 1)
}

# lnd-sim with vector A's wallet, created and unlocked at start from operator files that are
# deleted as soon as it runs (lnd-sim keeps the password in memory like a typed one).
start_lnd() {
    mkdir -p "$WORK/operator"
    vector_field mnemonic >"$WORK/operator/words"
    vector_field "aezeed passphrase" >"$WORK/operator/aezeed-passphrase"
    printf '%s\n' "$WALLET_PASSWORD" >"$WORK/operator/lnd-password"
    chmod 600 "$WORK/operator/"*
    "$BIN/lnd-sim" run --lnddir "$WORK/lnd" --network "$NETWORK" --startup-delay-ms 20 \
        --seed-words-file "$WORK/operator/words" --aezeed-passphrase-file "$WORK/operator/aezeed-passphrase" \
        --wallet-password-file "$WORK/operator/lnd-password" >"$WORK/lnd.log" 2>&1 &
    PIDS+=($!)
    wait_for 60 "lnd-sim to start" grep -q "rest=" "$WORK/lnd.log"
    wait_for 60 "lnd-sim to be active" lnd_state_is SERVER_ACTIVE
    rm -f "$WORK/operator/lnd-password"
}

lnd_state() { "$BIN/lnd-sim" status --lnddir "$WORK/lnd" | json_field state; }
lnd_state_is() { [ "$(lnd_state)" = "$1" ]; }

# Flags every casa-backupd call shares.
agent_flags() {
    echo --lnddir "$WORK/lnd" --network "$NETWORK" --state-dir "$WORK/state" --vault-url "$VAULT_URL" --metrics-port "$METRICS_PORT"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

enroll_agent() {
    METRICS_PORT=$(free_port)
    # shellcheck disable=SC2046
    "$BIN/casa-backupd" enroll $(agent_flags) --words-file "$WORK/operator/words" \
        --passphrase-file "$WORK/operator/aezeed-passphrase" >"$WORK/enroll.log" 2>&1 || fail "enroll: $(cat "$WORK/enroll.log")"
}

start_agent() {
    # shellcheck disable=SC2046
    "$BIN/casa-backupd" run $(agent_flags) >"$WORK/agent.log" 2>&1 &
    AGENT_PID=$!
    PIDS+=($AGENT_PID)
    wait_for 60 "the agent's control endpoint" "$BIN/casa-backupd" status $(agent_flags)
}

# Sets up sealed auto-unlock: lnd must be LOCKED; the password comes from a file deleted at once.
unlock_setup() {
    printf '%s\n' "$WALLET_PASSWORD" >"$WORK/operator/setup-password"
    chmod 600 "$WORK/operator/setup-password"
    # shellcheck disable=SC2046
    "$BIN/casa-backupd" unlock setup $(agent_flags) --password-file "$WORK/operator/setup-password" >"$WORK/setup.log" 2>&1 \
        || fail "unlock setup: $(cat "$WORK/setup.log")"
    rm -f "$WORK/operator/setup-password"
}

# No file anywhere in the drill's folder (state_dir, lnd's directory, the vault's data) holds the password.
assert_no_plaintext_password() {
    if grep -rlaF -- "$WALLET_PASSWORD" "$WORK" --exclude='*.log' >"$WORK/found.txt"; then
        fail "the wallet password is on disk in plain: $(cat "$WORK/found.txt")"
    fi
}
