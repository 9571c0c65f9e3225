#!/usr/bin/env bash
# Drill 4: the box is stolen. The owner revokes it with the 24 words; the stolen box can neither
# unlock lnd nor delete backup history. Runbook: recovery/stolen-device.md.
. "$(dirname "$0")/lib.sh"
drill_init 4 "stolen device"
HERE=$(cd "$(dirname "$0")" && pwd)

# device_request METHOD PATH: a request signed with the device key from the stolen disk.
device_request() { python3 "$HERE/sign_request.py" "$WORK/agent/device.key" "$1" "$VAULT_URL$2"; }

step "a working node: vault, lnd (vector A), agent enrolled, sealed auto-unlock set up, a backup uploaded"
start_vault
start_seeded_node "$WORK/node"
open_channel >/dev/null
sim mine 3 >/dev/null
enroll_agent > "$WORK/enroll.log"
DEVICE_KEY=$(sed -n 's/.*device key \([0-9a-f]\{64\}\).*/\1/p' "$WORK/enroll.log")
[ -n "$DEVICE_KEY" ] || fail "no device key in: $(cat "$WORK/enroll.log")"
ACCOUNT=$(cat "$WORK/agent/account")
sim lock >/dev/null
wait_for 30 "lnd to be LOCKED" 'node_is LOCKED'
# shellcheck disable=SC2046
"$CASA_BIN/casa-backupd" unlock setup $(agent_args) --password-file "$WORK/wallet-password.txt" > "$WORK/setup.log" 2>&1 \
  || fail "unlock setup: $(cat "$WORK/setup.log")"
start_agent
wait_for 60 "the first backup in the vault" 'test -n "$(vault_newest number)"'
BLOB=$(cat "$WORK/agent/vault-blob-id")
say "   device $DEVICE_KEY, backup #$(vault_newest number) in the vault"

step "a thief with a copy of the disk cannot delete history: a device key is append-only"
answer=$(device_request DELETE "/v1/accounts/$ACCOUNT/blobs/$BLOB")
case "$answer" in 403*) ;; *) fail "the device's DELETE of the blob was not refused: $answer" ;; esac
answer=$(device_request DELETE "/v1/accounts/$ACCOUNT/blobs/$BLOB/versions/1")
case "$answer" in 403*) ;; *) fail "the device's DELETE of version 1 was not refused: $answer" ;; esac
say "   DELETE with the device key: ${answer%% *}"

step "the box is carried away (power off)"
stop_agent -KILL
stop_node

step "the owner revokes it with the words, from another machine"
# shellcheck disable=SC2046
recover revoke-device --vault "$VAULT_URL" --device "$DEVICE_KEY" --yes $(seed_files) --json > "$WORK/revoke.json" \
  || fail "revoke-device: $(cat "$WORK/revoke.json")"
say "   revoked $(json_get "$WORK/revoke.json" "j['revoked']['key']")"

step "the thief powers it on: lnd starts LOCKED; the agent cannot unlock it, and says why"
start_node "$WORK/node"
wait_for 30 "lnd to be LOCKED" 'node_is LOCKED'
start_agent
wait_for 60 "the agent to report the revocation" 'grep -q "this device was revoked" "$WORK/agent.log"'
node_is LOCKED || fail "lnd is $(node_state), expected LOCKED"
# shellcheck disable=SC2046
"$CASA_BIN/casa-backupd" unlock status $(agent_args) --json > "$WORK/unlock-status.json" || true
[ "$(json_get "$WORK/unlock-status.json" "j['vault']")" = revoked ] || fail "unlock status: $(cat "$WORK/unlock-status.json")"
say "   lnd: $(node_state); unlock status: vault $(json_get "$WORK/unlock-status.json" "j['vault']")"

step "still no deleting: every request of the revoked device gets 403 device_revoked"
answer=$(device_request DELETE "/v1/accounts/$ACCOUNT/blobs/$BLOB")
case "$answer" in 403*device_revoked*) ;; *) fail "the revoked device's DELETE: $answer" ;; esac

step "the history is intact for the owner"
[ -n "$(vault_newest number)" ] || fail "the owner no longer sees the backup"
say "   newest snapshot in the vault: #$(vault_newest number) with $(vault_newest channels) channel(s)"

pass "the revoked box could neither unlock lnd nor delete history; the owner still sees every backup"
