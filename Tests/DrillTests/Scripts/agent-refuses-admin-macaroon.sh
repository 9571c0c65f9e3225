#!/usr/bin/env bash
# Issue 18: the agent reads the documented least-privilege casa.macaroon and refuses a macaroon
# that can move funds (admin.macaroon) unless the owner opts in (allow_admin_macaroon); the
# reason is in the log at start and in status, and nothing is backed up with a refused macaroon.
. "$(dirname "$0")/../../../recovery/drills/lib.sh"
drill_init admin-macaroon "the agent refuses admin.macaroon unless the owner opts in"
net="$WORK/node/data/chain/bitcoin/regtest"

start_vault
start_seeded_node "$WORK/node"
enroll_agent >/dev/null
step "without casa.macaroon the agent refuses admin.macaroon, says why, and seals nothing"
rm "$net/casa.macaroon"
AGENT_PORT=$(free_port)
# shellcheck disable=SC2046
"$CASA_BIN/casa-backupd" run $(agent_args) >> "$WORK/agent.log" 2>&1 &
AGENT_PID=$!
DRILL_PIDS+=("$AGENT_PID")
wait_for 30 "the agent's control port" 'curl -fsS "http://127.0.0.1:$AGENT_PORT/status"'
wait_for 30 "status to name the refused macaroon" 'agent_status warnings | grep -q "refusing the macaroon $net/admin.macaroon"'
grep -q "refusing the macaroon $net/admin.macaroon" "$WORK/agent.log" || fail "the log does not say why"
[ "$(agent_status keys_available)" = False ] || fail "the agent has keys from lnd through a refused macaroon"
[ -z "$(vault_newest number)" ] || fail "something was uploaded with a refused macaroon"
stop_agent

step "a configured admin macaroon is refused too (lnd_macaroon without allow_admin_macaroon)"
start_agent --lnd-macaroon "$net/admin.macaroon"
wait_for 30 "status to name the refused macaroon" 'agent_status warnings | grep -q "refusing the macaroon $net/admin.macaroon"'
[ -z "$(vault_newest number)" ] || fail "something was uploaded with a refused macaroon"
stop_agent

step "with --allow-admin-macaroon the owner accepts the risk: backups run, and status keeps saying it"
rm -f "$net/casa.macaroon"   # start_agent baked one; this run must use admin.macaroon
AGENT_PORT=$(free_port)
# shellcheck disable=SC2046
"$CASA_BIN/casa-backupd" run $(agent_args) --allow-admin-macaroon >> "$WORK/agent.log" 2>&1 &
AGENT_PID=$!
DRILL_PIDS+=("$AGENT_PID")
wait_for 30 "the agent's control port" 'curl -fsS "http://127.0.0.1:$AGENT_PORT/status"'
wait_for 60 "the first snapshot in the vault" 'test -n "$(vault_newest number)"'
agent_status warnings | grep -q "WARNING: using admin.macaroon" || fail "status does not warn about admin.macaroon"
stop_agent

step "with casa.macaroon, backups run and status says nothing about macaroons"
before=$(vault_newest number)
start_agent
point=$(open_channel)
wait_for 60 "the new channel in the vault" 'test "$(vault_newest number)" -gt "$before"'
agent_status warnings | grep -q "macaroon" && fail "status warns about the macaroon: $(agent_status warnings)"
pass "admin.macaroon refused (found or configured) with the reason in status and log; used only with --allow-admin-macaroon; casa.macaroon backs up $point"
