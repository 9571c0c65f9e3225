#!/usr/bin/env bash
# Issue 5 "Performance", agent idle: casa-backupd as a real process against `lnd-sim run` and
# `casa-vault serve` on loopback.
#   1. RSS (VmRSS, /proc) after start-up and after N snapshots (goal <= 20 MB);
#   2. wake-ups while nothing changes: voluntary + involuntary context switches of all the
#      agent's threads over IDLE_SECONDS, against two floors measured in the same window: `sleep`
#      (no runtime at all) and the smallest Swift program that awaits a Task.sleep (the Swift
#      runtime's own cost: libdispatch's worker-pool monitor ticks once a second in every Swift
#      concurrency process on Linux), and the other two daemons for comparison. The heartbeat
#      period is set to an hour.
#
#   benchmarks/agent-idle.sh            env: SNAPSHOTS (10000), LOAD_SECONDS (900), IDLE_SECONDS (20)
#   CASA_BIN=.build/release benchmarks/agent-idle.sh     (default: swift build's debug bin path)
#   AGENT_BIN=.build/release/casa-backupd benchmarks/agent-idle.sh   (a release agent with the
#                                            other tools from CASA_BIN, which need no release build)
#
# Memory is reported as VmRSS (every page mapped in, shared library pages included) and PSS
# (shared pages divided among the processes mapping them), with a breakdown by mapping from
# /proc/PID/smaps, against two floors measured in the same run: the smallest Swift program linked
# like the agent (--static-swift-stdlib) and a C program that makes one HTTPS request to lnd-sim
# with the system's libcurl (the HTTP/TLS stack alone; the shipped agent links its own minimal
# static libcurl instead, scripts/build-minimal-curl). Like deploy/agent's service unit, the
# script sets GNUTLS_NO_IMPLICIT_INIT=1 (docs/agent.md, "Release build"), which matters only with
# the system's libcurl: the C floor and an agent built with CASA_AGENT_CURL=system.
#
# The load: lnd-sim's `/backups/churn` sends SubscribeChannelBackups updates in batches of 100
# (each a different Multi: the channel set with and without one extra pending channel), the next
# batch once the agent stored the last (real opens and closes pile closed channels up in
# lnd-sim, which then sets the pace, not the agent). Bounded in count (SNAPSHOTS) and in time
# (LOAD_SECONDS); the script reports how many snapshots actually happened.
. "$(dirname "$0")/../recovery/drills/lib.sh"
SNAPSHOTS=${SNAPSHOTS:-10000}
LOAD_SECONDS=${LOAD_SECONDS:-900}
IDLE_SECONDS=${IDLE_SECONDS:-20}
export CASA_BACKUPD_HEARTBEAT_SECONDS=3600
# With the system's libcurl, GnuTLS (loaded only as a dependency of libcurl's librtmp and libldap,
# never used) initialises itself in a library constructor unless told not to: 1.1 MB of RSS.
export GNUTLS_NO_IMPLICIT_INIT=1
GOAL_KB=20480
drill_init agent-idle "casa-backupd idle: memory and wake-ups"
if [ -n "${AGENT_BIN:-}" ]; then
  # Only the agent from AGENT_BIN: a folder of links, the other tools from CASA_BIN.
  mkdir -p "$WORK/bin"
  for tool in casa-vault casa-recover lnd-sim; do ln -s "$CASA_BIN/$tool" "$WORK/bin/$tool"; done
  ln -s "$(cd "$(dirname "$AGENT_BIN")" && pwd)/$(basename "$AGENT_BIN")" "$WORK/bin/casa-backupd"
  CASA_BIN=$WORK/bin
fi
# The Swift floor: a program that only awaits a long Task.sleep (skipped without swiftc).
SWIFT_FLOOR=
SWIFT_STATIC_FLOOR=
if command -v swiftc >/dev/null; then
  echo 'try await Task.sleep(for: .seconds(3600))' > "$WORK/swift-floor.swift"
  swiftc -O "$WORK/swift-floor.swift" -o "$WORK/swift-floor" >/dev/null 2>&1 && SWIFT_FLOOR=$WORK/swift-floor
  # The same program linked like the shipped agent: the memory floor of any Swift daemon.
  swiftc -O -static-stdlib "$WORK/swift-floor.swift" -o "$WORK/swift-floor-static" >/dev/null 2>&1 \
    && SWIFT_STATIC_FLOOR=$WORK/swift-floor-static
fi
# The HTTP/TLS floor: one HTTPS request to lnd-sim through the system's libcurl, then sleep
# (skipped without a C compiler or libcurl's headers).
CURL_FLOOR=
if command -v cc >/dev/null; then
  cat > "$WORK/curl-floor.c" <<'C'
#include <curl/curl.h>
#include <unistd.h>
static size_t discard(char *p, size_t s, size_t n, void *u) { (void)p; (void)u; return s * n; }
int main(int argc, char **argv) {
    if (argc < 3) return 2;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL *c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_URL, argv[1]);
    curl_easy_setopt(c, CURLOPT_CAINFO, argv[2]);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    if (curl_easy_perform(c) != CURLE_OK) return 1;
    pause();
    return 0;
}
C
  cc -O2 "$WORK/curl-floor.c" -o "$WORK/curl-floor" -lcurl >/dev/null 2>&1 && CURL_FLOOR=$WORK/curl-floor
fi

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
threads() { ls "/proc/$1/task" | wc -l; }
# memory PID: VmRSS split into anonymous (the process's own heap and stacks) and file-backed pages
# (code of the binary and shared libraries, shared with other processes), and the proportional
# set size (shared pages divided among the processes that map them).
memory() {
  awk '/^(VmRSS|RssAnon|RssFile|VmHWM):/ { v[$1] = $2 } END { printf "VmRSS %d kB (anonymous %d kB, file-backed %d kB; peak %d kB)", v["VmRSS:"], v["RssAnon:"], v["RssFile:"], v["VmHWM:"] }' "/proc/$1/status"
  awk '/^Pss:/ { printf ", PSS %d kB", $2 }' "/proc/$1/smaps_rollup" 2>/dev/null || true
}
pss_kb() { awk '/^Pss:/ { print $2 }' "/proc/$1/smaps_rollup"; }
# breakdown PID: where the resident pages are, from /proc/PID/smaps: the executable by
# mapping (text, read-only data, relocated and writable data), each shared library, anonymous
# memory (heap, stacks, malloc arenas); RSS and PSS in kB.
breakdown() {
  python3 - "$1" <<'PY'
import collections, os, sys
pid = sys.argv[1]
exe = os.readlink(f"/proc/{pid}/exe")
rss, pss = collections.Counter(), collections.Counter()
name = None
for line in open(f"/proc/{pid}/smaps"):
    fields = line.split()
    if fields and not fields[0].endswith(":"):
        path = fields[5] if len(fields) > 5 else ""
        if path == exe: name = "executable " + {"r-xp": "text", "r--p": "read-only data", "rw-p": "writable data"}.get(fields[1], fields[1])
        elif path.startswith("/") and ".so" in path: name = os.path.basename(path).split(".so")[0] + " (shared library)"
        elif path.startswith("/"): name = "other files"
        else: name = "anonymous (heap, stacks, arenas)"
    elif fields and fields[0] in ("Rss:", "Pss:"):
        (rss if fields[0] == "Rss:" else pss)[name] += int(fields[1])
libraries = [n for n in rss if n.endswith("(shared library)")]
shown = [n for n in rss if not n.endswith("(shared library)")] + sorted(libraries, key=lambda n: -rss[n])[:8]
for n in sorted(shown, key=lambda n: -rss[n]):
    print(f"      {rss[n]:6d} kB RSS {pss[n]:6d} kB PSS  {n}")
rest = [n for n in libraries if n not in shown]
print(f"      {sum(rss[n] for n in rest):6d} kB RSS {sum(pss[n] for n in rest):6d} kB PSS  {len(rest)} more shared libraries")
print(f"      {sum(rss[n] for n in libraries):6d} kB RSS {sum(pss[n] for n in libraries):6d} kB PSS  = all {len(libraries)} shared libraries")
PY
}
# floors_memory: start the floors, report their memory next to the agent's, with the ratios.
floors_memory() {
  local agent_rss agent_pss; agent_rss=$(rss_kb "$AGENT_PID"); agent_pss=$(pss_kb "$AGENT_PID")
  say "   agent: VmRSS $agent_rss kB = $(ratio "$agent_rss" "$GOAL_KB") x the goal ($GOAL_KB kB), PSS $agent_pss kB"
  local floor pid rest_port
  if [ -n "$SWIFT_STATIC_FLOOR" ]; then
    "$SWIFT_STATIC_FLOOR" & pid=$!; DRILL_PIDS+=("$pid"); sleep 1
    say "   floor, smallest Swift program linked like the agent: $(memory "$pid"); agent/floor VmRSS $(ratio "$agent_rss" "$(rss_kb "$pid")")"
    echo "swift_static_floor rss_kb=$(rss_kb "$pid") pss_kb=$(pss_kb "$pid")" >> "$WORK/results"
    kill "$pid" 2>/dev/null || true
  fi
  rest_port=$(sed -n 's|.*rest=https://127.0.0.1:\([0-9]*\).*|\1|p' "$WORK/lnd-sim.log" | tail -n 1)
  if [ -n "$CURL_FLOOR" ] && [ -n "$rest_port" ]; then
    "$CURL_FLOOR" "https://127.0.0.1:$rest_port/v1/state" "$NODE_DIR/tls.cert" & pid=$!; DRILL_PIDS+=("$pid"); sleep 1
    if kill -0 "$pid" 2>/dev/null; then
      say "   floor, C program, one HTTPS request with libcurl: $(memory "$pid"); agent/floor VmRSS $(ratio "$agent_rss" "$(rss_kb "$pid")")"
      breakdown "$pid"
      echo "curl_floor rss_kb=$(rss_kb "$pid") pss_kb=$(pss_kb "$pid")" >> "$WORK/results"
      kill "$pid" 2>/dev/null || true
    else
      say "   floor, C program with libcurl: its HTTPS request failed, not measured"
    fi
  fi
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# switches PID: "tid comm voluntary+involuntary" per thread.
switches() {
  for task in /proc/"$1"/task/*; do
    [ -r "$task/status" ] || continue
    printf '%s %s %s\n' "${task##*/}" "$(tr ' ' _ < "$task/comm")" \
      "$(awk '/^(voluntary|nonvoluntary)_ctxt_switches:/ { n += $2 } END { print n + 0 }' "$task/status" 2>/dev/null)"
  done
}
total() { awk '{ n += $3 } END { print n + 0 }'; }
metric() { curl -fsS "http://127.0.0.1:$AGENT_PORT/metrics" | awk -v m="$1" '$1 == m { print int($2) }'; }

# delta BEFORE AFTER: switches in the window, over the threads alive at both ends (threads that
# came or went in between are left out: their counts cannot be compared).
delta() { join <(sort "$1") <(sort "$2") | awk '{ n += $5 - $3 } END { print n + 0 }'; }

# idle_window LABEL: context switches of the agent, lnd-sim, casa-vault and a `sleep` floor over
# IDLE_SECONDS, nothing changing; per-thread detail for the agent's threads that woke up.
idle_window() {
  sleep 1000 & local floor=$!
  DRILL_PIDS+=("$floor")
  local swift_floor=$floor
  if [ -n "$SWIFT_FLOOR" ]; then "$SWIFT_FLOOR" & swift_floor=$!; DRILL_PIDS+=("$swift_floor"); fi
  # Read the counter before the window: the request itself wakes the agent up.
  local snapshots_before; snapshots_before=$(metric casa_backup_snapshots_total)
  sleep 1
  local name pid
  for name in agent node vault floor swift; do
    case $name in agent) pid=$AGENT_PID ;; node) pid=$NODE_PID ;; vault) pid=$VAULT_PID ;; floor) pid=$floor ;; swift) pid=$swift_floor ;; esac
    switches "$pid" > "$WORK/$name-before"
  done
  sleep "$IDLE_SECONDS"
  for name in agent node vault floor swift; do
    case $name in agent) pid=$AGENT_PID ;; node) pid=$NODE_PID ;; vault) pid=$VAULT_PID ;; floor) pid=$floor ;; swift) pid=$swift_floor ;; esac
    switches "$pid" > "$WORK/$name-after"
  done
  kill "$floor" 2>/dev/null || true
  [ "$swift_floor" = "$floor" ] || kill "$swift_floor" 2>/dev/null || true
  local agent node vault floor_n swift_n
  agent=$(delta "$WORK/agent-before" "$WORK/agent-after"); node=$(delta "$WORK/node-before" "$WORK/node-after")
  vault=$(delta "$WORK/vault-before" "$WORK/vault-after"); floor_n=$(delta "$WORK/floor-before" "$WORK/floor-after")
  swift_n=$(delta "$WORK/swift-before" "$WORK/swift-after")
  [ -n "$SWIFT_FLOOR" ] || swift_n="n/a"
  say "   $1: context switches in ${IDLE_SECONDS}s: agent $agent ($(threads "$AGENT_PID") threads), floors: sleep $floor_n, Swift runtime $swift_n; lnd-sim $node, casa-vault $vault; snapshots meanwhile: $(( $(metric casa_backup_snapshots_total) - snapshots_before ))"
  # Which agent threads woke up (thread id, name, switches in the window). libdispatch's manager
  # thread ("...-qos.overcommit") ticking once a second is the runtime's worker-pool monitor.
  join <(sort "$WORK/agent-before") <(sort "$WORK/agent-after") \
    | awk '$5 - $3 > 0 { printf "      thread %s %s: %d\n", $1, $2, $5 - $3 }'
  echo "$1 agent=$agent floor=$floor_n swift_floor=$swift_n lnd_sim=$node vault=$vault seconds=$IDLE_SECONDS" >> "$WORK/results"
}

step "the vault, a node with one channel, and the agent (heartbeat every hour)"
start_vault
start_seeded_node "$WORK/node"
PEER=$(sim add-peer --alias carol | python3 -c 'import json,sys; print(json.load(sys.stdin)["pubkey"])')
open_channel --peer "$PEER" >/dev/null
enroll_agent
start_agent
wait_for 60 "the one-channel snapshot in the vault" 'test "$(vault_newest channels)" = 1'
wait_for 30 "an empty upload queue" 'test "$(metric casa_backup_queue_depth)" = 0'
sleep 2
say "   agent pid $AGENT_PID after start-up: $(memory "$AGENT_PID"), $(threads "$AGENT_PID") threads"
echo "startup rss_kb=$(rss_kb "$AGENT_PID") pss_kb=$(pss_kb "$AGENT_PID") hwm_kb=$(hwm_kb "$AGENT_PID")" >> "$WORK/results"
breakdown "$AGENT_PID"
floors_memory

step "idle after start-up"
idle_window "idle after start-up"

step "load: lnd-sim sends backup updates until $SNAPSHOTS snapshots (at most ${LOAD_SECONDS}s)"
start_snapshots=$(metric casa_backup_snapshots_total)
ADMIN_PORT=$(cat "$NODE_DIR/lnd-sim-admin-port")
python3 - "$ADMIN_PORT" "$AGENT_PORT" "$SNAPSHOTS" "$LOAD_SECONDS" "$start_snapshots" <<'PY'
import http.client, json, sys, time
admin, agent, target, seconds, start = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
sim = http.client.HTTPConnection("127.0.0.1", admin, timeout=30)
def snapshots():
    c = http.client.HTTPConnection("127.0.0.1", agent, timeout=10)
    c.request("GET", "/metrics"); text = c.getresponse().read().decode(); c.close()
    for line in text.splitlines():
        if line.startswith("casa_backup_snapshots_total "): return int(float(line.split()[1])) - start
    return 0
began = time.monotonic()
deadline = began + seconds
requested = done = batches = 0
# lnd-sim's /backups/churn sends a batch of backup updates (every one a different Multi), then
# the agent is given time to store them before the next batch: the agent's pace, with a bounded
# backlog. Bounded by the snapshot target, the batch count and time.
while done < target and batches < target and time.monotonic() < deadline:
    count = min(100, target - done)
    count += count % 2  # an even batch ends on the unchanged channel set: the next one starts with a change
    sim.request("POST", "/backups/churn", json.dumps({"count": count}), {"Content-Type": "application/json"})
    reply = sim.getresponse(); data = reply.read()
    if reply.status != 200: raise SystemExit(f"/backups/churn: {reply.status} {data[:200]!r}")
    requested += count; batches += 1
    while time.monotonic() < deadline:
        done = snapshots()
        if done >= requested: break
        time.sleep(0.2)
print(f"   {batches} batches, {requested} backup updates from lnd-sim, {done} snapshots in {time.monotonic() - began:.0f}s")
PY
wait_for 600 "the upload queue to drain" 'test "$(metric casa_backup_queue_depth)" = 0'
made=$(( $(metric casa_backup_snapshots_total) - start_snapshots ))
sleep 2
say "   snapshots during the load: $made; agent now: $(memory "$AGENT_PID"), $(threads "$AGENT_PID") threads"
echo "after-load snapshots=$made rss_kb=$(rss_kb "$AGENT_PID") pss_kb=$(pss_kb "$AGENT_PID") hwm_kb=$(hwm_kb "$AGENT_PID")" >> "$WORK/results"
breakdown "$AGENT_PID"

step "idle after the load"
idle_window "idle after the load"

echo
echo "results:"
sed 's/^/   /' "$WORK/results"
pass "agent idle measured (goal: VmRSS <= 20480 kB; no wake-ups while nothing changes)"
