#!/usr/bin/env bash
# Issue 5 "Performance": event → durable local copy against the floor (write + fsync + rename +
# directory fsync of the same bytes) for 1, 100 and 1,000 channels, in a RELEASE build (what
# ships), in one run: the store alone (LocalSnapshotStore.save) and the agent's whole path
# (SnapshotPipeline.ingest: open lnd's Multi, check, hash, compare, seal, save) against the
# floor, with medians, ratios and the CPU phases (benchmarks/Benchmarks/EventToDurable/main.swift).
#
#   benchmarks/event-to-durable.sh [--dir DIR] [--rounds N] [--channels 1,100,1000] [--passes K]
#
# --dir on the disk the agent will use (an SD card, an SSD): /tmp may be tmpfs, where fsync is
# free and the ratio means little. Builds only the benchmark and what it links, into its own
# scratch path (CASA_BENCH_SCRATCH, default .build-bench-rel; the first build takes minutes).
# Run it on a quiet machine (the script prints `uptime` before and after). On a shared machine,
# CASA_BENCH_NICE=-10 (root) keeps other processes from preempting the CPU-heavy whole path
# more than the I/O-bound floor: floor and path still run in the same process at the same
# priority.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${CASA_BENCH_SCRATCH:-.build-bench-rel}"
swift build -c release --scratch-path "$scratch" --product EventToDurableBenchmark -j "${CASA_BENCH_JOBS:-2}" >&2
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/EventToDurableBenchmark"
echo "before: $(uptime)"
if [ -n "${CASA_BENCH_NICE:-}" ]; then
  nice -n "$CASA_BENCH_NICE" "$bin" "$@"
else
  "$bin" "$@"
fi
echo "after:  $(uptime)"
