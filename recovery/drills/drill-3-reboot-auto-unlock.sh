#!/usr/bin/env bash
# Drill 3: a reboot. Sealed auto-unlock brings lnd back without a person and without a plaintext
# password on disk. Runbook: recovery/reboot-unlock.md.
. "$(dirname "$0")/lib.sh"
drill_init 3 "reboot: sealed auto-unlock"

# No file under the work folder (the agent's state_dir, lnd's folder, the vault's data) and no
# log holds the wallet password.
no_plaintext_password() {
  local password
  password=$(head -n 1 "$WORK/wallet-password.txt.kept")
  # The search itself works: it finds the copy kept for these checks.
  grep -qaF -- "$password" "$WORK/wallet-password.txt.kept" || fail "the password search does not work"
  local found=0
  grep -rlaF --exclude='*.kept' --exclude='found.txt' -- "$password" "$WORK" > "$WORK/found.txt" || found=$?
  case $found in
    0) fail "the wallet password is on disk in plain: $(tr '\n' ' ' < "$WORK/found.txt")" ;;
    1) ;;
    *) fail "grep failed ($found)" ;;
  esac
}
unlock_status() {
  # shellcheck disable=SC2046
  "$CASA_BIN/casa-backupd" unlock status $(agent_args) --json > "$WORK/unlock-status.json"
}

step "a node (vector A's wallet) with a channel, the vault, the agent enrolled"
start_vault
start_seeded_node "$WORK/node"
open_channel >/dev/null
sim mine 3 >/dev/null
enroll_agent >/dev/null
# lnd-sim read its start-up password file (like lnd's wallet-unlock-password-file); from here on
# the password exists only in the operator's head, kept aside for this drill's checks.
mv "$WORK/wallet-password.txt" "$WORK/wallet-password.txt.kept"

step "lnd restarts LOCKED; casa-backupd unlock setup unlocks it with the password, only then seals it"
sim lock >/dev/null
wait_for 30 "lnd to be LOCKED" 'node_is LOCKED'
cp "$WORK/wallet-password.txt.kept" "$WORK/typed-password.txt"
# shellcheck disable=SC2046
"$CASA_BIN/casa-backupd" unlock setup $(agent_args) --password-file "$WORK/typed-password.txt" > "$WORK/setup.log" 2>&1 \
  || fail "unlock setup: $(cat "$WORK/setup.log")"
rm -f "$WORK/typed-password.txt"
cat "$WORK/setup.log"
grep -q "release armed" "$WORK/setup.log" || fail "setup did not arm the release"
wait_for 30 "lnd to be active after setup" 'node_is SERVER_ACTIVE'
[ "$(stat -c %a "$WORK/agent/unlock.seal")" = 600 ] || fail "unlock.seal is not 0600"
no_plaintext_password
say "   sealed: $WORK/agent/unlock.seal (0600) + this device's share in the vault; no plaintext anywhere"

step "the agent runs"
start_agent

step "reboot: lnd comes back LOCKED, and nobody types anything"
sim lock >/dev/null
wait_for 90 "the agent to unlock lnd" 'node_is SERVER_ACTIVE'
wait_for 30 "the agent's log line" 'grep -q "sealed auto-unlock: lnd unlocked" "$WORK/agent.log"'
unlock_status
[ "$(json_get "$WORK/unlock-status.json" "j['vault']")" = armed ] || fail "unlock status: $(cat "$WORK/unlock-status.json")"
[ "$(json_get "$WORK/unlock-status.json" "j['last_attempt']['outcome']")" = unlocked ] \
  || fail "unlock status does not report the unlock: $(cat "$WORK/unlock-status.json")"
say "   lnd is $(node_state); the agent logged: $(grep -o 'sealed auto-unlock: lnd unlocked' "$WORK/agent.log" | head -n 1)"

step "no plaintext password anywhere on disk, nor in any log"
no_plaintext_password

pass "after a reboot sealed auto-unlock unlocked lnd, with no plaintext password on disk"
