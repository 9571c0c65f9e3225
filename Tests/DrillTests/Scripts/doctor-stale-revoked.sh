#!/usr/bin/env bash
# Issue 18: `casa-backupd doctor`'s staleness, unlock and enrollment checks fail for the cause
# they name, with a fix: a snapshot the vault has not had for longer than staleness_seconds (seen
# by the running agent, then read from the catalog with the agent stopped), a seal file others
# can read, and a device the owner revoked (enrollment and sealed auto-unlock both fail).
. "$(dirname "$0")/../../../recovery/drills/lib.sh"
. "$(dirname "$0")/doctor-helpers.bash"
drill_init doctor-stale-revoked "casa-backupd doctor: a stale upload, a readable seal file, a revoked device"
export CASA_BACKUPD_STALENESS_SECONDS=2

start_vault
start_seeded_node "$WORK/node"
enroll_agent > "$WORK/enroll.log"
DEVICE_KEY=$(sed -n 's/.*device key \([0-9a-f]\{64\}\).*/\1/p' "$WORK/enroll.log")
[ -n "$DEVICE_KEY" ] || fail "no device key in: $(cat "$WORK/enroll.log")"
sim lock >/dev/null
wait_for 30 "lnd to be LOCKED" 'node_is LOCKED'
# shellcheck disable=SC2046
"$CASA_BIN/casa-backupd" unlock setup $(agent_args) --password-file "$WORK/wallet-password.txt" > "$WORK/setup.log" 2>&1 \
  || fail "unlock setup: $(cat "$WORK/setup.log")"
wait_for 30 "lnd to be active after setup" 'node_is SERVER_ACTIVE'
start_agent
wait_for 60 "the first backup in the vault" 'test -n "$(vault_newest number)"'

step "a set-up node with the agent running: staleness and unlock pass"
run_doctor
expect_check staleness ok "the vault holds the newest snapshot"
expect_check unlock ok

step "the seal file readable by others: unlock fails with the chmod fix, exit 2"
chmod 644 "$WORK/agent/unlock.seal"
run_doctor
expect_check unlock fail "must be 0600"
expect_fix unlock "chmod 0600"
expect_exit 2
chmod 600 "$WORK/agent/unlock.seal"

step "the vault down while a channel opens: after staleness_seconds the running agent reports it stale"
stop_vault
open_channel >/dev/null
wait_for 60 "a local snapshot the vault does not have" 'test "$(agent_status last_snapshot_sequence)" -gt "$(agent_status last_uploaded_sequence)"'
wait_for 30 "the agent to call it stale" 'agent_status warnings | grep -q "no upload reached the vault"'
run_doctor
expect_check staleness fail "the running agent reports"
expect_fix staleness "the agent must run"
expect_exit 2

step "the agent stopped: staleness is read from the catalog"
stop_agent
run_doctor
expect_check staleness fail "stale: snapshot #2 was made"
expect_check staleness fail "the agent is not running"
expect_exit 2

step "the owner revokes this device: enrollment and unlock fail, exit 2"
start_vault
# shellcheck disable=SC2046
recover revoke-device --vault "$VAULT_URL" --device "$DEVICE_KEY" --yes $(seed_files) --json > "$WORK/revoke.json" \
  || fail "revoke-device: $(cat "$WORK/revoke.json")"
run_doctor
expect_check enrollment fail "revoked this device"
expect_fix enrollment "enroll it again with a new device key"
expect_check unlock fail "no longer releases"
expect_check vault ok
expect_exit 2
pass "doctor: stale upload (agent running, then from the catalog), seal file mode, revoked device"
