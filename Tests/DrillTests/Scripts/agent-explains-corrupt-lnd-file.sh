#!/usr/bin/env bash
# D7 (lnd-fidelity.md): lnd refuses to start with a channel.backup it cannot decrypt, and cannot
# update it while it runs; lnd-sim does the same. The agent names the file and the runbook step
# (recovery/corrupt-channel-backup.md); after that step lnd starts, writes a fresh file, and
# the agent's warning goes away.
. "$(dirname "$0")/../../../recovery/drills/lib.sh"
drill_init agent-d7 "lnd's channel.backup is damaged"

start_vault
start_seeded_node "$WORK/node"
point=$(open_channel --type anchors-zero-fee-htlc)
enroll_agent
start_agent
wait_for 60 "the agent to hold lnd's backup" 'converged'
file="$NODE_DIR/data/chain/bitcoin/regtest/channel.backup"
warning() { agent_status warnings | tr -d '\n'; }

step "the file is damaged while lnd runs: the agent names it and the fix"
sim corrupt channel.backup >/dev/null
wait_for 30 "the agent's warning" '[[ "$(warning)" == *"lnd'"'"'s $file does not open with lnd'"'"'s key"* ]]'
[[ "$(warning)" == *"recovery/corrupt-channel-backup.md"*"mv $file $file.corrupt"* ]] || fail "the warning lacks the runbook step: $(warning)"
say "   status: $(warning | cut -c1-160)..."

step "an event while the file is damaged: lnd cannot update it, it stays damaged"
corrupt_copy=$(sha256sum "$file" | cut -d' ' -f1)
open_channel --type simple-taproot >/dev/null
sleep 1
[ "$(sha256sum "$file" | cut -d' ' -f1)" = "$corrupt_copy" ] || fail "lnd-sim rewrote a file it cannot decrypt"

step "lnd restarts: it refuses to start, as lnd does"
sim restart >/dev/null
wait_for 30 "lnd to give up" 'sim status | grep -q "unable to extract on disk encrypted SCB"'
failure=$(sim status | python3 -c 'import json,sys; print(json.load(sys.stdin)["start_failure"])')
say "   lnd-sim: $failure"
[[ "$failure" == "unable to start server: unable to refresh backup file: unable to extract on disk encrypted SCB: chacha20poly1305: message authentication failed" ]] \
  || fail "unexpected start failure: $failure"
[ "$(json_get <(sim status) "j['state']")" != SERVER_ACTIVE ] || fail "lnd-sim reached SERVER_ACTIVE"
[[ "$(warning)" == *"does not open with lnd's key"* ]] || fail "the warning went away while the file is still damaged"

step "the runbook: move the file aside, start lnd"
mv "$file" "$file.corrupt"
sim start >/dev/null
wait_for 30 "lnd to be active again" 'node_is SERVER_ACTIVE'
wait_for 60 "the agent to hold lnd's fresh backup" 'converged'
wait_for 30 "the warning to go" '[[ "$(warning)" != *"does not open"* ]]'
[ "$(json_get <(decoded "$file") "len(j['channels'])")" = 2 ] || fail "lnd's fresh file does not hold both channels"
pass "the agent named $file and the fix; lnd-sim refused to start like lnd; after the runbook step lnd wrote a fresh file ($point and one more)"
