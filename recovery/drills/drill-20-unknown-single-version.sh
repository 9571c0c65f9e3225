#!/usr/bin/env bash
# Drill 20: lnd is upgraded and writes a Single version casa does not know (version 8; lnd added
# 5, 6 and 7 in three years). Backups go on (lnd's own format, stored and uploaded as is), the
# agent says so loudly, and the restore hands that channel to lnd untouched. Runbook: none
# needed; `casa-backupd status` says "update casa".
. "$(dirname "$0")/lib.sh"
drill_init 20 "lnd writes a Single version casa does not know"

step "the vault, a node with two channels, and the agent backing it up"
start_vault
start_seeded_node "$WORK/node"
sim add-peer --alias carol >/dev/null
first=$(open_channel --type anchors-zero-fee-htlc)
upgraded=$(open_channel --type simple-taproot)
sim mine 6 >/dev/null
enroll_agent
start_agent
wait_for 60 "the two-channel snapshot in the vault" 'test "$(vault_newest channels)" = 2'

step "lnd now writes $upgraded as a version-8 Single; then a third channel opens"
sim single-version "$upgraded" --version 8 >/dev/null
third=$(open_channel --type anchors-zero-fee-htlc)
sim mine 6 >/dev/null
wait_for 60 "the three-channel snapshot in the vault" 'test "$(vault_newest channels)" = 3'
say "   the vault holds a snapshot with $(vault_newest channels) channels"
wait_for 60 "the agent to converge on lnd's channel.backup" 'converged'

step "casa-backupd status, the metrics and the log say so"
# shellcheck disable=SC2046
"$CASA_BIN/casa-backupd" status $(agent_args) --json > "$WORK/status.json"
warning=$(json_get "$WORK/status.json" "[w for w in j['warnings'] if 'Single v8' in w][0]")
say "   warning: $warning"
case "$warning" in "1 channel uses a channel type this casa does not know (Single v8)"*) ;; *) fail "unexpected warning: $warning" ;; esac
curl -fsS "http://127.0.0.1:$AGENT_PORT/metrics" | grep -qx 'casa_backup_unknown_version_channels 1' \
  || fail "metrics do not count the unknown channel"
grep -q "Single v8" "$WORK/agent.log" || fail "the log does not mention the unknown version"

step "casa-recover inspect shows the channel as lnd's, untouched"
recover fetch --vault "$VAULT_URL" --network regtest $(seed_files) --output "$WORK/newest.backup" >/dev/null
recover inspect --backup "$WORK/newest.backup" --network regtest $(seed_files) --json > "$WORK/inspect.json"
points=$(json_get "$WORK/inspect.json" "' '.join(sorted(c['channel_point'] for c in j['channels']))")
expected=$(printf '%s\n' "$first" "$upgraded" "$third" | sort | tr '\n' ' ' | sed 's/ $//')
[ "$points" = "$expected" ] || fail "inspect shows $points, expected $expected"
kind=$(json_get "$WORK/inspect.json" "[c['commitment'] for c in j['channels'] if c['channel_point'] == '$upgraded'][0]")
[ "$kind" = "unknown channel type v8, handed to lnd untouched" ] || fail "inspect says $kind for $upgraded"
say "   $upgraded: $kind"
stop_agent

step "disaster: the node is lost; restore from the vault onto a fresh lnd"
destroy_node
rm -rf "$WORK/agent"
start_node "$WORK/node"
wait_for 30 "the new lnd to wait for a wallet" 'node_is NON_EXISTING'
restore_node restore --vault "$VAULT_URL"
# 0, or 75 while closes are not proven yet (restore's rules for that are drill 1's).
case $RESTORE_EXIT in 0|75) ;; *) fail "restore exited $RESTORE_EXIT: $(cat "$WORK/restore.json")" ;; esac
restored=$(json_get "$WORK/restore.json" "' '.join(sorted(c['channel_point'] for c in j['channels']))")
[ "$restored" = "$expected" ] || fail "restore reports $restored, expected $expected"
[ "$(json_get "$WORK/restore.json" "j['restored_now']")" = 3 ] || fail "restore did not restore 3 channels: $(cat "$WORK/restore.json")"
sim status > "$WORK/lnd.json"
shells=$(json_get "$WORK/lnd.json" "' '.join(sorted(c['channel_point'] for c in j['channels'] if c['restored']))")
[ "$shells" = "$expected" ] || fail "lnd holds restored channels $shells, expected $expected"
say "   lnd restored $shells"

step "the peers force-close; casa-recover status follows every channel home, the unknown one too"
sim mine 200 >/dev/null
recover status --lnddir "$WORK/node" --network regtest --state "$WORK/restore/restore-state.json" \
  || fail "casa-recover status still sees channels waiting"
pass "backups went on after lnd wrote a version-8 Single; restore gave lnd all 3 channels ($expected)"
