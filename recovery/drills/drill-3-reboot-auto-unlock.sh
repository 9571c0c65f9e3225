#!/usr/bin/env bash
# Drill 3 (issue 6): a reboot. Sealed auto-unlock brings lnd back without a person and without a
# plaintext password on disk. Runbook: recovery/reboot-unlock.md.
set -euo pipefail
# shellcheck source=unlock-common.sh
source "$(dirname "$0")/unlock-common.sh"

step "start the vault and a simulated lnd (vector A's wallet)"
start_vault
start_lnd
"$BIN/lnd-sim" open-channel --lnddir "$WORK/lnd" >/dev/null
"$BIN/lnd-sim" mine --lnddir "$WORK/lnd" 3 >/dev/null

step "enroll the agent with the 24 words"
enroll_agent

step "lnd restarts LOCKED; casa-backupd unlock setup unlocks it with the password, then seals it"
"$BIN/lnd-sim" lock --lnddir "$WORK/lnd" >/dev/null
wait_for 30 "lnd to be LOCKED" lnd_state_is LOCKED
unlock_setup
grep -q "release armed" "$WORK/setup.log" || fail "setup did not arm the release: $(cat "$WORK/setup.log")"
wait_for 30 "lnd to be active after setup" lnd_state_is SERVER_ACTIVE
[ "$(stat -c %a "$WORK/state/unlock.seal")" = 600 ] || fail "unlock.seal is not 0600"
assert_no_plaintext_password

step "the agent runs"
start_agent

step "reboot: lnd comes back LOCKED; nobody types anything"
"$BIN/lnd-sim" lock --lnddir "$WORK/lnd" >/dev/null
wait_for 90 "the agent to unlock lnd" lnd_state_is SERVER_ACTIVE
wait_for 30 "the agent's log line" grep -q "sealed auto-unlock: lnd unlocked" "$WORK/agent.log"
# shellcheck disable=SC2046
"$BIN/casa-backupd" unlock status --json $(agent_flags) >"$WORK/unlock-status.json"
[ "$(json_field vault <"$WORK/unlock-status.json")" = armed ] || fail "unlock status: $(cat "$WORK/unlock-status.json")"
python3 - "$WORK/unlock-status.json" <<'PY' || fail "unlock status does not report the unlock"
import json, sys
report = json.load(open(sys.argv[1]))
assert report["enabled"] and report["sealMode"] == "600", report
assert report["lastAttempt"]["outcome"] == "unlocked", report
PY

step "no plaintext password anywhere on disk, and the log never shows it"
assert_no_plaintext_password
if grep -qF -- "$WALLET_PASSWORD" "$WORK"/*.log; then fail "a log shows the wallet password"; fi

echo "drill 3 passed: lnd was unlocked after a reboot by sealed auto-unlock, with no plaintext password on disk"
