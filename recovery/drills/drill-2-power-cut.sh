#!/usr/bin/env bash
# Drill 2: power cut / Docker kill in the middle of a backup write. The agent is killed with
# SIGKILL at random moments while lnd produces a stream of channel changes, and stopped with
# SIGTERM once (Docker's stop, 10 s grace). After every crash the local store opens, every local
# snapshot decrypts (nothing corrupt is ever served), nothing the vault acknowledged is lost, and in
# the end the vault converges on lnd's state. (A kill keeps the page cache; power loss itself is
# simulated below the file system by LocalStoreTests' fault-injecting layer.) Runbook: recovery/power-cut.md.
. "$(dirname "$0")/lib.sh"
drill_init 2 "power cut / Docker kill during backup writes"
ROUNDS=${DRILL_ROUNDS:-12}

start_vault
start_seeded_node "$WORK/node"
enroll_agent

# local_check: every snapshot in the agent's folder opens with the words (list exits 0 only then).
local_check() {
  recover list --from "$WORK/agent/snapshots" --network regtest $(seed_files) --json > "$WORK/local.json" 2>"$WORK/local.err" \
    || fail "the local store does not open cleanly after a crash: $(cat "$WORK/local.err")"
  python3 - "$WORK/local.json" <<'PY' || fail "a local snapshot is damaged: $(cat "$WORK/local.json")"
import json, sys
s = json.load(open(sys.argv[1]))["snapshots"]
bad = [x for x in s if x["status"] != "ok"]
sys.exit(1 if bad or not s else 0)
PY
}

step "$ROUNDS rounds: start the agent, change channels, SIGKILL it at a random moment"
crashes=0
acknowledged=0
for round in $(seq 1 "$ROUNDS"); do
  start_agent
  open_channel --pending >/dev/null
  [ $((round % 3)) -eq 0 ] && sim mine 1 >/dev/null
  sleep "0.$((RANDOM % 4))$((RANDOM % 10))"
  kill -KILL "$AGENT_PID"; wait "$AGENT_PID" 2>/dev/null || true
  crashes=$((crashes + 1))
  local_check
  newest=$(vault_newest number); newest=${newest:-0}
  [ "$newest" -ge "$acknowledged" ] || fail "the vault went back from v$acknowledged to v$newest"
  acknowledged=$newest
  printf '   round %2d: killed; %s local snapshots intact; vault at v%s\n' "$round" \
    "$(json_get "$WORK/local.json" "len(j['snapshots'])")" "$acknowledged"
done

step "Docker stop: SIGTERM finishes the write in flight and exits within the 10 s grace period"
start_agent
open_channel >/dev/null
stop_started=$SECONDS
stop_agent -TERM
[ $((SECONDS - stop_started)) -lt 10 ] || fail "the agent took $((SECONDS - stop_started)) s to stop"
local_check

step "the agent comes back: the store opens and the vault converges on lnd's latest state"
start_agent
channels=$(sim status | python3 -c 'import json,sys; print(sum(1 for c in json.load(sys.stdin)["channels"] if c["phase"] in ("pending_open","open")))')
wait_for 90 "the vault to hold all $channels channels" 'test "$(vault_newest channels)" = "$channels"'
wait_for 90 "the upload queue to drain" 'test "$(agent_status queue_depth)" = 0'
"$CASA_BIN/casa-backupd" verify $(agent_args) > "$WORK/verify.txt" 2>&1 || fail "verify: $(cat "$WORK/verify.txt")"
sed 's/^/   /' "$WORK/verify.txt"
pass "$crashes SIGKILL crash points and one SIGTERM: no corrupt snapshot, no acknowledged version lost, the vault converged on $channels channels"
