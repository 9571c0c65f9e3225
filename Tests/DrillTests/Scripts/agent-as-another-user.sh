#!/usr/bin/env bash
# D9/D19 (lnd-fidelity.md): lnd's folders are 0700, channel.backup is 0666 less lnd's umask,
# admin.macaroon 0640. The agent runs as its own user; docs/install.md says what that user needs.
# This check creates two users (one for lnd-sim, one for the agent), shows that a stock layout
# keeps the agent out, applies exactly the steps of docs/install.md ("The agent's user"), and
# checks that the agent then reads tls.cert, its macaroon and channel.backup, watches lnd's
# folder with inotify, and backs up. It needs root (useradd); otherwise it says why it skips.
. "$(dirname "$0")/../../../recovery/drills/lib.sh"
drill_init agent-user "the agent runs as another user than lnd"
if [ "$(id -u)" != 0 ] || ! command -v useradd >/dev/null || ! command -v runuser >/dev/null; then
  pass "skipped: creating the two users needs root with useradd and runuser (running as $(id -un))"
  exit 0
fi

# Users left by an earlier run that was killed outright (its script, whose pid names them, is gone).
for stale in $(getent passwd | cut -d: -f1 | grep -E '^casa-(lnd|agent)-[0-9]+$'); do
  kill -0 "${stale##*-}" 2>/dev/null && continue
  for pid in $(ps -o pid= -u "$stale" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
  userdel "$stale" 2>/dev/null || true
  groupdel "$stale" 2>/dev/null || true
done
suffix=$$
LND_USER="casa-lnd-$suffix"
AGENT_USER="casa-agent-$suffix"
useradd --system --no-create-home --shell /usr/sbin/nologin "$LND_USER"
useradd --system --no-create-home --shell /usr/sbin/nologin "$AGENT_USER"
BASE=$(mktemp -d /tmp/casa-two-users.XXXXXX)
chmod 0755 "$BASE"
cleanup_users() {
  local status=$?
  for pid in "${DRILL_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${DRILL_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  # runuser's children (lnd-sim, the agent) run as the two users: stop them by pid, then the users.
  local user pid
  for user in "$AGENT_USER" "$LND_USER"; do
    for pid in $(ps -o pid= -u "$user" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
  done
  for _ in $(seq 50); do [ -z "$(ps -o pid= -u "$AGENT_USER,$LND_USER" 2>/dev/null)" ] && break; sleep 0.1; done
  userdel "$AGENT_USER" 2>/dev/null || true
  userdel "$LND_USER" 2>/dev/null || true
  groupdel "$LND_USER" 2>/dev/null || true
  [ "${DRILL_KEEP:-0}" = 1 ] || rm -rf "$BASE"
  drill_cleanup "$status"
}
trap cleanup_users EXIT
as_lnd() { runuser -u "$LND_USER" -- "$@"; }
as_agent() { runuser -u "$AGENT_USER" -- "$@"; }
# secrets_for USER DIR: the words, passphrase and wallet password, readable by USER only.
secrets_for() {
  install -d -o "$1" -m 0700 "$2"
  for file in words.txt passphrase.txt wallet-password.txt; do install -o "$1" -m 0600 "$WORK/$file" "$2/$file"; done
}

step "lnd (lnd-sim) runs as $LND_USER with umask 0027, as its systemd unit says (UMask=0027)"
NODE_DIR="$BASE/lnd"
install -d -o "$LND_USER" -g "$LND_USER" -m 0700 "$NODE_DIR"
secrets_for "$LND_USER" "$BASE/lnd-secrets"
as_lnd sh -c 'umask 0027; exec "$0" run --lnddir "$1" --network regtest --startup-delay-ms 50 --seed-words-file "$2/words.txt" --aezeed-passphrase-file "$2/passphrase.txt" --wallet-password-file "$2/wallet-password.txt"' \
  "$CASA_BIN/lnd-sim" "$NODE_DIR" "$BASE/lnd-secrets" >> "$WORK/lnd-sim.log" 2>&1 &
NODE_PID=$!
DRILL_PIDS+=("$NODE_PID")
wait_for 30 "lnd-sim's control port" 'test -s "$NODE_DIR/lnd-sim-admin-port"'
wait_for 30 "lnd to be active" 'node_is SERVER_ACTIVE'
open_channel --type anchors-zero-fee-htlc >/dev/null
net="$NODE_DIR/data/chain/bitcoin/regtest"
[ "$(stat -c %a "$NODE_DIR")" = 700 ] && [ "$(stat -c %a "$net")" = 700 ] || fail "lnd's folders are not 0700"
[ "$(stat -c %a "$net/channel.backup")" = 640 ] || fail "channel.backup is $(stat -c %a "$net/channel.backup"), expected 0666 less umask 0027 = 640"
[ "$(stat -c %a "$net/admin.macaroon")" = 640 ] || fail "admin.macaroon is not 0640"

step "a stock layout keeps $AGENT_USER out, even in lnd's group"
usermod -aG "$LND_USER" "$AGENT_USER"
if as_agent test -r "$NODE_DIR/tls.cert"; then fail "the agent's user can read tls.cert through a 0700 folder"; fi
say "   as $AGENT_USER: $(as_agent cat "$NODE_DIR/tls.cert" 2>&1 | head -n 1)"

step "docs/install.md, \"The agent's user\": group search and read on lnd's folders, lnd.conf and casa.macaroon 0640"
for folder in "$NODE_DIR" "$NODE_DIR/data" "$NODE_DIR/data/chain" "$NODE_DIR/data/chain/bitcoin" "$net"; do chmod 0750 "$folder"; done
chmod 0640 "$NODE_DIR/lnd.conf"
sim bake-macaroon uri:/lnrpc.Lightning/GetInfo uri:/lnrpc.Lightning/ListChannels uri:/lnrpc.Lightning/PendingChannels \
  uri:/lnrpc.Lightning/ExportAllChannelBackups uri:/lnrpc.Lightning/SubscribeChannelBackups uri:/lnrpc.Lightning/VerifyChanBackup \
  uri:/signrpc.Signer/DeriveSharedKey --save-to "$net/casa.macaroon" >/dev/null
chown "$LND_USER:$LND_USER" "$net/casa.macaroon"
chmod 0640 "$net/casa.macaroon"
for file in "$NODE_DIR/lnd.conf" "$NODE_DIR/tls.cert" "$net/casa.macaroon" "$net/channel.backup"; do
  as_agent test -r "$file" || fail "$AGENT_USER cannot read $file after the install steps"
done

step "the agent, as $AGENT_USER, enrolls, watches lnd's folder and backs up"
start_vault
AGENT_PORT=$(free_port)
install -d -o "$AGENT_USER" -m 0700 "$BASE/agent"
secrets_for "$AGENT_USER" "$BASE/agent-secrets"
agent_flags=(--lnddir "$NODE_DIR" --network regtest --state-dir "$BASE/agent" --vault-url "$VAULT_URL" --metrics-port "$AGENT_PORT")
as_agent "$CASA_BIN/casa-backupd" enroll "${agent_flags[@]}" --words-file "$BASE/agent-secrets/words.txt" \
  --passphrase-file "$BASE/agent-secrets/passphrase.txt" >> "$WORK/agent.log" 2>&1 || fail "enroll as $AGENT_USER: $(tail -n 3 "$WORK/agent.log")"
as_agent "$CASA_BIN/casa-backupd" run "${agent_flags[@]}" >> "$WORK/agent.log" 2>&1 &
AGENT_PID=$!
DRILL_PIDS+=("$AGENT_PID")
wait_for 30 "the agent's control port" 'curl -fsS "http://127.0.0.1:$AGENT_PORT/status"'
wait_for 60 "the first snapshot in the vault" 'test "$(vault_newest channels)" = 1'
open_channel --type simple-taproot >/dev/null
wait_for 60 "the second channel in the vault" 'test "$(vault_newest channels)" = 2'
# The file watcher saw lnd's rewrites: the agent read channel.backup, not only the RPC export.
wait_for 30 "the agent to read lnd's channel.backup" 'curl -fsS "http://127.0.0.1:$AGENT_PORT/metrics" | grep -q "^casa_backup_unchanged_total [1-9]"'
if grep -qiE "cannot watch|permission denied" "$WORK/agent.log"; then fail "the agent could not read or watch: $(grep -iE 'cannot watch|permission denied' "$WORK/agent.log" | head -n 2)"; fi
pass "as $AGENT_USER (group $LND_USER), after docs/install.md's steps the agent read and watched lnd's 0750 folders and backed up 2 channels"
