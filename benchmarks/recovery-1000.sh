#!/usr/bin/env bash
# Issue 6 "Done when": recovery of 1,000 channels from the words until every restore request is
# issued, against lnd-sim, with the time split between key derivation (aezeed scrypt + BIP32),
# vault fetch, decrypt (our envelope + lnd's SCB) and lnd calls (wallet and start-up; restore
# calls); goal under 3 s.
#
# Builds a node with CHANNELS channels in lnd-sim (opened pending with the agent stopped, then
# confirmed by one block, so the vault gets one snapshot per VERSIONS rather than one per open),
# lets the agent upload it, destroys the node, and times `casa-recover restore --timings` onto a
# fresh node. Floor in the same run: scrypt alone with the aezeed's parameters (N=32768, r=8,
# p=1, Python's hashlib, OpenSSL) against the key derivation phase.
#
#   benchmarks/recovery-1000.sh     env: CHANNELS (1000), PEERS (20), VERSIONS (1: snapshots in the vault)
#   CASA_BIN=.build/release benchmarks/recovery-1000.sh     (default: swift build's debug bin path)
. "$(dirname "$0")/../recovery/drills/lib.sh"
CHANNELS=${CHANNELS:-1000}
PEERS=${PEERS:-20}
VERSIONS=${VERSIONS:-1}
drill_init recovery-bench "recovery of $CHANNELS channels from the words"

step "a node with $CHANNELS channels to $PEERS peers, backed up by the agent ($VERSIONS vault version(s))"
start_vault
start_seeded_node "$WORK/node"
ADMIN_PORT=$(cat "$NODE_DIR/lnd-sim-admin-port")
# open_many COUNT: COUNT pending opens over the peers through the control port (bounded), one block.
open_many() {
  python3 - "$ADMIN_PORT" "$PEERS" "$1" <<'PY'
import http.client, json, sys, time
admin, peers, count = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
sim = http.client.HTTPConnection("127.0.0.1", admin, timeout=300)
def call(method, path, body=None):
    sim.request(method, path, None if body is None else json.dumps(body), {"Content-Type": "application/json"})
    reply = sim.getresponse(); data = reply.read()
    if reply.status != 200: raise SystemExit(f"{path}: {reply.status} {data[:200]!r}")
    return json.loads(data)
have = [p["pubkey"] for p in call("GET", "/status").get("peers", [])]
while len(have) < peers:
    have.append(call("POST", "/peers", {"alias": f"peer-{len(have)}"})["pubkey"])
types = ["anchors-zero-fee-htlc", "static-remote-key", "simple-taproot", "anchors"]
start = time.monotonic()
for i in range(count):
    if time.monotonic() - start > 900: raise SystemExit(f"opened only {i} channels in 900 s")
    call("POST", "/channels/open", {"peer": have[i % peers], "type": types[i % len(types)], "pending": True})
call("POST", "/mine", {"blocks": 1})
print(f"   opened {count} channels in {time.monotonic() - start:.1f}s")
PY
}
per_version=$(( CHANNELS / VERSIONS ))
open_many $(( CHANNELS - per_version * (VERSIONS - 1) ))
enroll_agent
start_agent
for version in $(seq 2 "$VERSIONS"); do
  wait_for 120 "the agent to upload" 'test "$(agent_status queue_depth)" = 0 && test -n "$(agent_status last_upload_at)"'
  open_many "$per_version"
done
wait_for 300 "the $CHANNELS-channel snapshot in the vault" "test \"\$(vault_newest channels)\" = $CHANNELS"
say "   vault: version $(vault_newest number) holds $(vault_newest channels) channels"
stop_agent

step "disaster: the node's disk is gone; a fresh lnd waits for a wallet"
destroy_node
start_node "$WORK/node"
wait_for 30 "the new lnd to wait for a wallet" 'node_is NON_EXISTING'

step "floor: scrypt alone with the aezeed's parameters (N=32768, r=8, p=1)"
floor_ms=$(python3 -c '
import hashlib, time
t = time.monotonic(); hashlib.scrypt(b"aezeed", salt=b"12345", n=32768, r=8, p=1, maxmem=64 << 20, dklen=32)
print(f"{(time.monotonic() - t) * 1000:.1f}")')
say "   scrypt floor: $floor_ms ms"

step "casa-recover restore --timings: from the words to every restore request issued"
start_ns=$(date +%s%N)
set +e
# shellcheck disable=SC2046
recover restore --vault "$VAULT_URL" --lnddir "$WORK/node" --network regtest $(seed_files) \
  --wallet-password-file "$WORK/wallet-password.txt" --work-dir "$WORK/restore" --json --timings \
  --no-trigger --reconnect-pauses 0 > "$WORK/restore.json" 2> "$WORK/timings.txt"
code=$?
set -e
wall_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
[ $code -eq 0 ] || [ $code -eq 75 ] || fail "restore exited $code: $(cat "$WORK/timings.txt") $(head -c 2000 "$WORK/restore.json")"
restored=$(json_get "$WORK/restore.json" "j['restored_now']" 2>/dev/null || json_get "$WORK/restore.json" "len(j['channels'])")
grep '^timing:' "$WORK/timings.txt" | sed 's/^/   /'
key_ms=$(awk '/^timing: key derivation / { print $4 }' "$WORK/timings.txt")
total_ms=$(awk '/^timing: total / { print $3 }' "$WORK/timings.txt")
say "   restored now: $restored of $CHANNELS; process wall time (start-up and follow-through included): $wall_ms ms"
python3 -c "import sys; k, f, t = map(float, sys.argv[1:]); print(f'   key derivation / scrypt floor: {k / f:.2f}x; total to all restore requests issued: {t / 1000:.2f} s (goal < 3 s: {\"met\" if t < 3000 else \"missed\"})')" \
  "$key_ms" "$floor_ms" "$total_ms"
pass "recovery of $CHANNELS channels timed"
