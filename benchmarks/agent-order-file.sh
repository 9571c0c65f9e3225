#!/usr/bin/env bash
# Regenerates deploy/agent/casa-backupd.order, the symbol ordering file scripts/build-agent-release
# hands to lld: every function of the agent binary that runs at start-up, while snapshots are
# stored and uploaded, and for control requests, so that the linker packs them together at the
# start of .text (docs/agent.md, "Release build"; figures in benchmarks/RESULTS.md).
#
#   scripts/build-agent-release -j 2
#   AGENT_BIN=.build/release/casa-backupd CASA_BIN=.build/debug benchmarks/agent-order-file.sh
#
# How: benchmarks/agent-idle.sh (a short run: 200 snapshots) with the agent under valgrind's
# callgrind, which records every function executed; the names defined in the agent binary are
# the ordering. Callgrind cannot read the toolchain's DWARF 5, so it runs a copy without debug
# information (same code, same symbols). Functions that a code change renames are simply not
# ordered until the next run (lld is told not to warn), which costs memory, never correctness.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
: "${AGENT_BIN:?set AGENT_BIN to the release agent built by scripts/build-agent-release}"
command -v valgrind >/dev/null || { echo "agent-order-file: needs valgrind" >&2; exit 2; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/casa-order.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
objcopy --strip-debug "$AGENT_BIN" "$WORK/casa-backupd"
cat > "$WORK/agent-under-callgrind" <<SH
#!/usr/bin/env bash
if [ "\$1" = run ]; then
  exec valgrind -q --tool=callgrind --demangle=no --dump-instr=no --callgrind-out-file="$WORK/callgrind.out" "$WORK/casa-backupd" "\$@"
fi
exec "$WORK/casa-backupd" "\$@"
SH
chmod +x "$WORK/agent-under-callgrind"
# Under callgrind the agent starts about 50 times slower.
AGENT_START_SECONDS=300 SNAPSHOTS=${SNAPSHOTS:-200} IDLE_SECONDS=1 LOAD_SECONDS=600 AGENT_BIN="$WORK/agent-under-callgrind" \
  "$ROOT/benchmarks/agent-idle.sh" > "$WORK/run.log" 2>&1 || { tail -n 40 "$WORK/run.log" >&2; exit 1; }
sleep 2  # callgrind writes its profile when the agent exits
[ -s "$WORK/callgrind.out" ] || { echo "agent-order-file: no callgrind profile" >&2; exit 1; }
sed -n 's/^c\{0,1\}fn=([0-9]*) //p' "$WORK/callgrind.out" | sort -u > "$WORK/executed"
nm --defined-only "$WORK/casa-backupd" | awk '$2 ~ /^[tTwW]$/ { print $3 }' | sort -u > "$WORK/defined"
comm -12 "$WORK/executed" "$WORK/defined" > "$ROOT/deploy/agent/casa-backupd.order"
echo "deploy/agent/casa-backupd.order: $(wc -l < "$ROOT/deploy/agent/casa-backupd.order") functions"
