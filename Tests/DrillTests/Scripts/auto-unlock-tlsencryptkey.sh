#!/usr/bin/env bash
# D6 (lnd-fidelity.md): with tlsencryptkey=1 lnd serves a temporary certificate (tls.cert.tmp)
# while LOCKED and switches to tls.cert after unlock; lnd-sim does the same. casa accepts the
# temporary key too (LNDDiscovery), so `unlock setup` and sealed auto-unlock work: drill 3 with
# tlsencryptkey.
. "$(dirname "$0")/../../../recovery/drills/lib.sh"
drill_init auto-unlock-d6 "sealed auto-unlock with tlsencryptkey=1"

mkdir -p "$WORK/node" && chmod 700 "$WORK/node"
printf '[Application Options]\nrestlisten=127.0.0.1:%s\ntlsencryptkey=1\n\n[Bitcoin]\nbitcoin.active=1\nbitcoin.regtest=1\n' "$(free_port)" \
  > "$WORK/node/lnd.conf"
start_seeded_node "$WORK/node"
start_vault
open_channel >/dev/null
sim mine 3 >/dev/null
enroll_agent >/dev/null
mv "$WORK/wallet-password.txt" "$WORK/wallet-password.txt.kept"
fingerprint() { openssl x509 -noout -fingerprint -sha256 -in "$1" | cut -d= -f2; }

step "lnd restarts LOCKED behind a temporary certificate; unlock setup works through it"
sim lock >/dev/null
wait_for 30 "lnd to be LOCKED" 'node_is LOCKED'
[ -f "$WORK/node/tls.cert.tmp" ] || fail "no tls.cert.tmp while locked"
[ "$(fingerprint "$WORK/node/tls.cert.tmp")" != "$(fingerprint "$WORK/node/tls.cert")" ] || fail "the temporary certificate is tls.cert"
cp "$WORK/wallet-password.txt.kept" "$WORK/typed-password.txt"
# shellcheck disable=SC2046
"$CASA_BIN/casa-backupd" unlock setup $(agent_args) --password-file "$WORK/typed-password.txt" > "$WORK/setup.log" 2>&1 \
  || fail "unlock setup: $(cat "$WORK/setup.log")"
rm -f "$WORK/typed-password.txt"
wait_for 30 "lnd to be active after setup" 'node_is SERVER_ACTIVE'
wait_for 10 "lnd to drop tls.cert.tmp after unlock" '[ ! -f "$WORK/node/tls.cert.tmp" ]'

step "reboot: the agent unlocks lnd through the temporary certificate"
start_agent
sim lock >/dev/null
wait_for 90 "the agent to unlock lnd" 'node_is SERVER_ACTIVE'
wait_for 30 "the agent's log line" 'grep -q "sealed auto-unlock: lnd unlocked" "$WORK/agent.log"'
wait_for 60 "the agent to back up again after the certificate switch" 'converged'
pass "with tlsencryptkey=1, unlock setup and sealed auto-unlock went through lnd's temporary certificate"
