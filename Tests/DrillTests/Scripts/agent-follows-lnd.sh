#!/usr/bin/env bash
# Issue 5's end-to-end check, with real processes (lnd-sim, casa-vault, casa-backupd): each
# channel open, confirmation and close produces a new local and vault snapshot whose content is
# exactly lnd's latest backup (compared field by field after decryption with the words).
. "$(dirname "$0")/../../../recovery/drills/lib.sh"
drill_init agent-e2e "the agent follows every channel change"

start_vault
start_seeded_node "$WORK/node"
enroll_agent
start_agent
wait_for 60 "the first snapshot in the vault" 'test -n "$(vault_newest number)"'

# The agent uses the casa.macaroon that start_agent baked, and says nothing about macaroons.
agent_status warnings | grep -q "macaroon" && fail "status warns about the macaroon: $(agent_status warnings)"

# check CHANGE: after a change in lnd, the vault and the local store converge on lnd's backup.
changes=0
check() {
  changes=$((changes + 1))
  wait_for 60 "the vault and the local copy to match lnd after: $1" 'converged'
  say "   ok after $1: vault v$(vault_newest number), $(vault_newest channels) channel(s)"
}

before=$(vault_newest number)
point=$(open_channel --pending --type anchors-zero-fee-htlc); check "a pending open"
sim mine 3 >/dev/null; check "its confirmation"
open_channel --type simple-taproot >/dev/null; check "a second channel"
open_channel --type script-enforced-lease >/dev/null; check "a leased channel"
sim close-channel "$point" --by cooperative >/dev/null; sim mine 3 >/dev/null; check "a cooperative close"
sim close-channel "$(sim status | python3 -c 'import json,sys; print([c for c in json.load(sys.stdin)["channels"] if c["phase"]=="open"][0]["channel_point"])')" --by remote >/dev/null
sim mine 200 >/dev/null; check "the peer's force close, resolved"
after=$(vault_newest number)
[ "$after" -gt "$before" ] || fail "the vault did not grow"
[ "$(agent_status queue_depth)" = 0 ] || fail "the upload queue is not empty"
pass "$changes channel changes, each one in the vault and locally, equal to lnd's backup (vault v$before → v$after)"
