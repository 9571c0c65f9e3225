#!/usr/bin/env bash
# Drill 5: the vault is unreachable for a long time. Local copies keep coming, the queue grows and
# the status says so; when the vault returns, the queue flushes in order on its own.
# Runbook: recovery/vault-unreachable.md.
. "$(dirname "$0")/lib.sh"
drill_init 5 "the vault is unreachable for a long time"

step "a backed-up node with one channel"
start_vault
start_seeded_node "$WORK/node"
open_channel >/dev/null; sim mine 3 >/dev/null
enroll_agent
# Retries every few seconds at most, so the drill does not wait out the default 15-minute cap.
CASA_BACKUPD_UPLOAD_RETRY_MAX_SECONDS=4 start_agent
wait_for 60 "the one-channel snapshot in the vault" 'test "$(vault_newest channels)" = 1'
uploaded=$(vault_newest number)

step "the vault goes away; three channels are opened meanwhile"
stop_vault
before=$(agent_status last_snapshot_sequence)
for i in 1 2 3; do open_channel >/dev/null; done
sim mine 3 >/dev/null
wait_for 60 "local snapshots of the new channels" 'test "$(agent_status channel_count)" = 4'
local_now=$(agent_status last_snapshot_sequence)
[ "$local_now" -gt "$before" ] || fail "no new local snapshot while the vault was down"
wait_for 60 "the queue to hold the snapshots" 'test "$(agent_status queue_depth)" -ge 1'
say "   local snapshots #$before → #$local_now, queue depth $(agent_status queue_depth)"
"$CASA_BIN/casa-backupd" status $(agent_args) | grep -q "not covered" || fail "status does not warn that the vault is behind"
"$CASA_BIN/casa-backupd" status $(agent_args) | sed 's/^/   /'

step "the vault returns (same address, same data): the queue flushes by itself, in order"
start_vault
wait_for 120 "the queue to drain" 'test "$(agent_status queue_depth)" = 0'
[ "$(vault_newest channels)" = 4 ] || fail "the vault's newest snapshot has $(vault_newest channels) channels, not 4"
# Every queued snapshot is its own version, in order: versions grow by the number of local snapshots.
newest=$(vault_newest number)
[ "$newest" -eq $((uploaded + local_now - before)) ] || fail "vault v$newest, expected v$((uploaded + local_now - before))"
"$CASA_BIN/casa-backupd" verify $(agent_args) > "$WORK/verify.txt" 2>&1 || fail "verify failed: $(cat "$WORK/verify.txt")"
pass "$((local_now - before)) snapshots kept locally while the vault was down, all uploaded in order after it returned (v$uploaded → v$newest)"
