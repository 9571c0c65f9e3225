#!/usr/bin/env bash
# Issue 18: `casa-backupd doctor` on a healthy setup passes every check (exit 0); then the lnd
# and macaroon checks each fail (or warn) for the cause they name, with a fix, and the exit status
# says so (1 warnings only, 2 a failure).
. "$(dirname "$0")/../../../recovery/drills/lib.sh"
. "$(dirname "$0")/doctor-helpers.bash"
drill_init doctor-lnd-macaroon "casa-backupd doctor: a healthy setup, then lnd and macaroon problems"
net="$WORK/node/data/chain/bitcoin/regtest"
agent_uris="uri:/lnrpc.Lightning/GetInfo uri:/lnrpc.Lightning/ListChannels uri:/lnrpc.Lightning/PendingChannels
  uri:/lnrpc.Lightning/ExportAllChannelBackups uri:/lnrpc.Lightning/SubscribeChannelBackups uri:/lnrpc.Lightning/VerifyChanBackup
  uri:/signrpc.Signer/DeriveSharedKey"

sealed_unlock_node
mkdir -p "$WORK/usb"
export CASA_BACKUPD_SECOND_COPY_DIR="$WORK/usb"
start_agent
wait_for 60 "the first backup in the vault" 'test -n "$(vault_newest number)"'

step "a healthy setup: every check passes, exit 0"
run_doctor
for check in lnd macaroon vault enrollment state-dir usb-copy staleness unlock clock; do expect_check "$check" ok; done
expect_exit 0
# shellcheck disable=SC2046
"$CASA_BIN/casa-backupd" doctor $(agent_args) > "$WORK/doctor.txt" || fail "doctor (text) exited $?: $(cat "$WORK/doctor.txt")"
grep -q '^ok   macaroon: ' "$WORK/doctor.txt" || fail "the text output has no line per check: $(cat "$WORK/doctor.txt")"

step "a macaroon with a call more than the agent needs: macaroon warns, exit 1"
# shellcheck disable=SC2086
sim bake-macaroon $agent_uris uri:/lnrpc.Lightning/ListPeers --save-to "$WORK/extra.macaroon" >/dev/null
run_doctor --lnd-macaroon "$WORK/extra.macaroon"
expect_check macaroon warn "/lnrpc.Lightning/ListPeers"
expect_fix macaroon "lncli bakemacaroon"
expect_exit 1

step "a macaroon without the calls the agent makes: macaroon fails naming them, exit 2"
sim bake-macaroon uri:/lnrpc.Lightning/GetInfo --save-to "$WORK/thin.macaroon" >/dev/null
run_doctor --lnd-macaroon "$WORK/thin.macaroon"
expect_check macaroon fail "lacks /lnrpc.Lightning/ListChannels, /lnrpc.Lightning/PendingChannels, /lnrpc.Lightning/ExportAllChannelBackups"
expect_check macaroon fail "/signrpc.Signer/DeriveSharedKey"
expect_fix macaroon "casa.macaroon"
expect_exit 2

step "admin.macaroon (found by discovery, casa.macaroon gone): macaroon fails, exit 2"
mv "$net/casa.macaroon" "$WORK/casa.macaroon.kept"
run_doctor
expect_check macaroon fail "$net/admin.macaroon can move funds"
expect_fix macaroon "allow_admin_macaroon"
expect_exit 2

step "admin.macaroon named by lnd_macaroon: the agent cannot connect at all (lnd and macaroon fail)"
run_doctor --lnd-macaroon "$net/admin.macaroon"
expect_check macaroon fail "can move funds"
expect_check lnd fail "refusing the macaroon"
expect_exit 2

step "admin.macaroon with allow_admin_macaroon: accepted with a warning, exit 1"
run_doctor --lnd-macaroon "$net/admin.macaroon" --allow-admin-macaroon
expect_check macaroon warn "accepted because allow_admin_macaroon = true"
expect_check lnd ok
expect_exit 1
mv "$WORK/casa.macaroon.kept" "$net/casa.macaroon"
if grep -q "$(xxd -p "$net/casa.macaroon" | tr -d '\n' | cut -c1-40)" "$WORK/doctor.json"; then fail "doctor printed macaroon bytes"; fi

step "lnd locked: lnd warns with the unlock fix"
stop_agent
sim lock >/dev/null
wait_for 30 "lnd to be LOCKED" 'node_is LOCKED'
run_doctor
expect_check lnd warn "LOCKED"
expect_fix lnd "unlock"

step "lnd down: lnd fails, exit 2"
stop_node
run_doctor
expect_check lnd fail "does not answer GetState"
expect_fix lnd "start lnd"
expect_exit 2
run_doctor --lnd-rest-address 127.0.0.1:1
expect_check lnd fail "127.0.0.1:1"
expect_fix lnd "lnd_rest_address 127.0.0.1:1"
pass "doctor: all ok (exit 0); extra macaroon call (warn, 1); missing calls, admin.macaroon, lnd down (fail, 2); admin allowed, lnd locked (warn)"
