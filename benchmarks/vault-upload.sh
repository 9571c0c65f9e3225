#!/usr/bin/env bash
# Durable 4 KiB uploads per second against casa-vault (SQLite, and PostgreSQL when
# CASA_TEST_POSTGRES_URL is set) versus nginx WebDAV PUT, 64 concurrent connections, loopback only,
# bounded (DURATION seconds per target, default 10). Prints a table and the ratios, and per vault
# backend: the server's CPU per upload, against the CPU per GET /health of the same process
# (the HTTP floor), and the group commit's mean batch size and commit time.
#   benchmarks/vault-upload.sh [path/to/casa-vault]     (a release build is the fair choice)
# DURATION=s, COUNT=pre-signed requests, MEMORY=1 adds the in-memory backend, NGINX=0 skips nginx
# (for A/B runs of two vault builds), FLOOR_BIN=vault-floor (default: next to casa-vault).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-$(swift build -c release --show-bin-path 2>/dev/null)/casa-vault}"
[ -x "$bin" ] || { echo "casa-vault not built at $bin (swift build -c release --product casa-vault)" >&2; exit 2; }
command -v wrk >/dev/null && command -v nginx >/dev/null || apt-get install -y -qq wrk nginx libnginx-mod-http-dav-ext >/dev/null
python3 -c 'import cryptography' 2>/dev/null || pip install -q cryptography >/dev/null
duration="${DURATION:-10}"
connections=64
threads=2
count="${COUNT:-150000}"
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cat > "$work/vault.toml" <<TOML
account_rate = 1000000.0
account_burst = 1000000.0
address_rate = 1000000.0
address_burst = 1000000.0
retention_interval_seconds = 0
log_level = "error"
TOML

# cpu_ticks PID: user + system CPU time of a process (clock ticks), for CPU per request.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# switches PID: context switches of all the process's threads (hand-offs between threads).
switches() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ { n += $2 } END { print n + 0 }'; }

run_vault() { # name, storage flags...
  local name=$1; shift
  "$bin" serve --config "$work/vault.toml" "$@" --host 127.0.0.1 --port 0 > "$work/$name.out" 2>&1 &
  local pid=$!; pids+=("$pid")
  local url=""
  for _ in $(seq 1 100); do url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/$name.out" || true); [ -n "$url" ] && break; sleep 0.1; done
  [ -n "$url" ] || { echo "$name: casa-vault did not start: $(cat "$work/$name.out")" >&2; return 1; }
  python3 benchmarks/vault-upload/presign.py "$url" "$count" 64 "$work/$name.lua"
  local before; before=$(cpu_ticks "$pid")
  local switched; switched=$(switches "$pid")
  local result; result=$(CASA_BENCH_MODE=vault CASA_BENCH_REQS="$work/$name.lua" CASA_BENCH_THREADS=$threads \
    wrk -t$threads -c$connections -d"${duration}s" --latency -s benchmarks/vault-upload/upload.lua "$url" | grep RESULT | sed "s/^RESULT/$name/")
  local ticks=$(( $(cpu_ticks "$pid") - before ))
  switched=$(( $(switches "$pid") - switched ))
  local requests; requests=$(echo "$result" | tr ' ' '\n' | sed -n 's/^requests=//p')
  # Group commit: mean puts per batch and mean commit time (disk-bound or CPU-bound?).
  local batches; batches=$(curl -fsS "$url/metrics" | awk '$1 == "casa_vault_put_batches_total" { b = $2 } $1 == "casa_vault_put_batch_items_total" { i = $2 } $1 == "casa_vault_put_batch_commit_seconds_total" { s = $2 } END { if (b > 0) printf "batch_puts=%.1f batch_commit_ms=%.2f", i / b, s * 1000 / b }')
  # Floor in the same process: the CPU of an unauthenticated GET /health (HTTP, routing,
  # middleware, JSON, metrics; no crypto, no storage), same connections and duration.
  before=$(cpu_ticks "$pid")
  local health; health=$(wrk -t$threads -c$connections -d"${duration}s" "$url/health" | awk '/ requests in / { print $1 }')
  local floor; floor=$(awk -v t="$(( $(cpu_ticks "$pid") - before ))" -v hz="$(getconf CLK_TCK)" -v n="$health" 'BEGIN { printf "%.0f", t / hz * 1e6 / n }')
  echo "$result ${batches:-} health_floor_cpu_us=$floor switches_per_request=$(awk -v s="$switched" -v n="$requests" 'BEGIN { printf "%.2f", s / n }') server_cpu_us_per_request=$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.0f", t / hz * 1e6 / n }')"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

# The floor of this stack: vault-floor (benchmarks/Benchmarks/VaultFloor) does only the contract's per-upload
# work on Hummingbird (collect the body, SHA-256 it, verify the Ed25519 signature), no storage;
# it replays the SQLite run's pre-signed requests (it checks signatures, not accounts or nonces).
# The durable floor (floor-durable) adds the least any durable store does: each body appended to
# one file, answered after a group fdatasync that covers it.
run_floor() { # name, extra vault-floor arguments...
  local name=$1; shift
  "$floor_bin" 0 "$@" > "$work/floor.out" 2>&1 &
  local pid=$!; pids+=("$pid")
  local url=""
  for _ in $(seq 1 100); do url=$(grep -o '127.0.0.1:[0-9]*' "$work/floor.out" | sed 's|^|http://|' || true); [ -n "$url" ] && break; sleep 0.1; done
  [ -n "$url" ] || { echo "vault-floor did not start: $(cat "$work/floor.out")" >&2; return 1; }
  local before; before=$(cpu_ticks "$pid")
  local result; result=$(CASA_BENCH_MODE=vault CASA_BENCH_REQS="$work/sqlite.lua" CASA_BENCH_THREADS=$threads \
    wrk -t$threads -c$connections -d"${duration}s" --latency -s benchmarks/vault-upload/upload.lua "$url" | grep RESULT | sed "s/^RESULT/$name/")
  local ticks=$(( $(cpu_ticks "$pid") - before ))
  local requests; requests=$(echo "$result" | tr ' ' '\n' | sed -n 's/^requests=//p')
  echo "$result server_cpu_us_per_request=$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.0f", t / hz * 1e6 / n }')"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

results=()
[ -n "${MEMORY:-}" ] && results+=("$(run_vault memory --memory)")
results+=("$(run_vault sqlite --data "$work/sqlite")")
floor_bin="${FLOOR_BIN:-$(dirname "$bin")/vault-floor}"
if [ -x "$floor_bin" ]; then
  results+=("$(run_floor floor)")
  results+=("$(run_floor floor-durable --durable "$work/floor-durable.log")")
else echo "no $floor_bin: build it (swift build -c release --product vault-floor) for the floor" >&2; fi
if [ -n "${CASA_TEST_POSTGRES_URL:-}" ]; then
  results+=("$(run_vault postgres --database "$CASA_TEST_POSTGRES_URL")")
  # The database is shared with the test suite: remove this run's accounts (their devices and
  # blobs cascade), or every later retention pass there walks tens of thousands of junk blobs.
  if command -v psql >/dev/null && [ -s "$work/postgres.lua.accounts" ]; then
    psql -q "$CASA_TEST_POSTGRES_URL" -c "DELETE FROM account WHERE id IN ($(sed "s/.*/'&'/" "$work/postgres.lua.accounts" | paste -sd,))" >/dev/null
  fi
fi
if [ "${NGINX:-1}" = 0 ]; then printf '%s\n' "${results[@]}"; exit 0; fi  # A/B runs of the vault alone
mkdir -p "$work/nginx/tmp" "$work/nginx/www/dav"
# nginx workers run unprivileged: let them write there.
chmod 755 "$work"; chmod -R 777 "$work/nginx"
sed "s|__ROOT__|$work/nginx|g" benchmarks/vault-upload/nginx.conf > "$work/nginx/nginx.conf"
nginx -c "$work/nginx/nginx.conf"
sleep 0.3
results+=("$(CASA_BENCH_MODE=dav CASA_BENCH_COUNT=$count CASA_BENCH_THREADS=$threads wrk -t$threads -c$connections -d"${duration}s" --latency \
  -s benchmarks/vault-upload/upload.lua http://127.0.0.1:18480 | grep RESULT | sed 's/^RESULT/nginx-webdav/')")

echo "target        $(date -u +%FT%TZ), ${connections} connections, ${duration}s, 4096-byte bodies"
printf '%s\n' "${results[@]}"
nginx_rps=$(printf '%s\n' "${results[@]}" | awk '/^nginx-webdav/ { for (i=1;i<=NF;i++) if ($i ~ /^rps=/) { sub("rps=","",$i); print $i } }')
for r in "${results[@]}"; do
  case "$r" in nginx-webdav*) continue ;; esac
  rps=$(echo "$r" | tr ' ' '\n' | sed -n 's/^rps=//p')
  echo "$(echo "$r" | cut -d' ' -f1): $(awk -v a="$rps" -v b="$nginx_rps" 'BEGIN { printf "%.2f", a / b }')x nginx WebDAV"
done
floor_rps=$(printf '%s\n' "${results[@]}" | awk '/^floor / { for (i=1;i<=NF;i++) if ($i ~ /^rps=/) { sub("rps=","",$i); print $i } }')
if [ -n "$floor_rps" ]; then
  for r in "${results[@]}"; do
    case "$r" in nginx-webdav*|floor\ *) continue ;; esac
    rps=$(echo "$r" | tr ' ' '\n' | sed -n 's/^rps=//p')
    echo "$(echo "$r" | cut -d' ' -f1): $(awk -v a="$rps" -v b="$floor_rps" 'BEGIN { printf "%.2f", a / b }')x the floor (Hummingbird + body hash + Ed25519, no storage)"
  done
fi
