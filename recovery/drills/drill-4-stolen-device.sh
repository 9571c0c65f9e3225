#!/usr/bin/env bash
# Drill 4 (issue 6): the box is stolen. The owner revokes it with the 24 words; the stolen box can
# neither unlock lnd nor delete backup history. Runbook: recovery/stolen-device.md.
set -euo pipefail
# shellcheck source=unlock-common.sh
source "$(dirname "$0")/unlock-common.sh"
HERE=$(cd "$(dirname "$0")" && pwd)

step "a working node: vault, lnd (vector A), agent enrolled, sealed auto-unlock set up, a backup uploaded"
start_vault
start_lnd
"$BIN/lnd-sim" open-channel --lnddir "$WORK/lnd" >/dev/null
"$BIN/lnd-sim" mine --lnddir "$WORK/lnd" 3 >/dev/null
enroll_agent
DEVICE_KEY=$(sed -n 's/.*device key \([0-9a-f]\{64\}\).*/\1/p' "$WORK/enroll.log")
[ -n "$DEVICE_KEY" ] || fail "no device key in: $(cat "$WORK/enroll.log")"
ACCOUNT=$(cat "$WORK/state/account")
"$BIN/lnd-sim" lock --lnddir "$WORK/lnd" >/dev/null
wait_for 30 "lnd to be LOCKED" lnd_state_is LOCKED
unlock_setup
start_agent
uploaded() {
    # shellcheck disable=SC2046
    [ "$("$BIN/casa-backupd" status --json $(agent_flags) | json_field lastUploadedSequence)" != None ]
}
wait_for 60 "the first backup to reach the vault" uploaded
BLOB=$(cat "$WORK/state/vault-blob-id")

step "the thief has the disk: the device key cannot delete history (append-only)"
answer=$(python3 "$HERE/sign_request.py" "$WORK/state/device.key" DELETE "$VAULT_URL/v1/accounts/$ACCOUNT/blobs/$BLOB")
case "$answer" in 403*) ;; *) fail "a device DELETE was not refused: $answer" ;; esac
answer=$(python3 "$HERE/sign_request.py" "$WORK/state/device.key" DELETE "$VAULT_URL/v1/accounts/$ACCOUNT/blobs/$BLOB/versions/1")
case "$answer" in 403*) ;; *) fail "a device DELETE of version 1 was not refused: $answer" ;; esac

step "the box is carried away (power off)"
kill "$AGENT_PID"; wait "$AGENT_PID" 2>/dev/null || true

step "the owner revokes it with the words, from another machine"
"$BIN/casa-recover" revoke-device --vault "$VAULT_URL" --device "$DEVICE_KEY" --yes --json \
    --words-file "$WORK/operator/words" --passphrase-file "$WORK/operator/aezeed-passphrase" >"$WORK/revoke.json" 2>"$WORK/revoke.log" \
    || fail "revoke-device: $(cat "$WORK/revoke.json" "$WORK/revoke.log")"

step "the thief powers it on: lnd LOCKED, the agent cannot unlock it and says why"
"$BIN/lnd-sim" lock --lnddir "$WORK/lnd" >/dev/null
wait_for 30 "lnd to be LOCKED" lnd_state_is LOCKED
start_agent
wait_for 60 "the agent to report the revocation" grep -q "this device was revoked" "$WORK/agent.log"
lnd_state_is LOCKED || fail "lnd is $(lnd_state), expected LOCKED"
# shellcheck disable=SC2046
"$BIN/casa-backupd" unlock status --json $(agent_flags) >"$WORK/unlock-status.json"
[ "$(json_field vault <"$WORK/unlock-status.json")" = revoked ] || fail "unlock status: $(cat "$WORK/unlock-status.json")"

step "still no deleting: every request of the revoked device gets 403"
answer=$(python3 "$HERE/sign_request.py" "$WORK/state/device.key" DELETE "$VAULT_URL/v1/accounts/$ACCOUNT/blobs/$BLOB")
case "$answer" in 403*device_revoked*) ;; *) fail "a revoked device's DELETE: $answer" ;; esac

step "the history is intact for the owner"
"$BIN/casa-recover" list --vault "$VAULT_URL" --network regtest --json --words-file "$WORK/operator/words" \
    --passphrase-file "$WORK/operator/aezeed-passphrase" >"$WORK/list.json" 2>"$WORK/list.log" || fail "list: $(cat "$WORK/list.log")"
python3 - "$WORK/list.json" <<'PY' || fail "the owner does not see the backup: $(cat "$WORK/list.json")"
import json, sys
report = json.load(open(sys.argv[1]))
snapshots = report.get("snapshots", [])
assert len(snapshots) >= 1, report
PY

echo "drill 4 passed: the revoked box could neither unlock lnd nor delete history; the owner still sees every backup"
