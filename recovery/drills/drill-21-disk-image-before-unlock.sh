#!/usr/bin/env bash
# Drill 21: a thief images the SD card of a running box (sealed auto-unlock set up). The box
# reboots and unlocks itself: that unlock rotates both shares. The image, booted later (with the
# box switched off, so nothing else stops it), cannot unlock lnd: its unlock.seal no longer
# matches the vault's share (issue 17, review H1). Runbook: recovery/stolen-device.md.
. "$(dirname "$0")/lib.sh"
drill_init 21 "a disk image taken before the last unlock cannot unlock"

step "a node with sealed auto-unlock set up, and the agent running"
sealed_unlock_node
start_agent

step "the thief images the disk of the running box"
cp -a "$WORK/agent" "$WORK/image-agent"
say "   image of the agent's state folder taken ($(ls "$WORK/image-agent" | tr '\n' ' '))"

step "the box reboots and unlocks itself; that unlock rotates both shares"
sim lock >/dev/null
wait_for 90 "the agent to unlock lnd" 'node_is SERVER_ACTIVE'
wait_for 30 "the agent's log line" 'grep -q "sealed auto-unlock: lnd unlocked" "$WORK/agent.log"'
grep -q "were not rotated" "$WORK/agent.log" && fail "the shares were not rotated: $(grep 'not rotated' "$WORK/agent.log")"
cmp -s "$WORK/agent/unlock.seal" "$WORK/image-agent/unlock.seal" && fail "unlock.seal did not change at the unlock"
say "   unlocked; unlock.seal is new"

step "the box is switched off; the image boots in its place"
stop_agent
rm -rf "$WORK/agent"
cp -a "$WORK/image-agent" "$WORK/agent"
sim lock >/dev/null
wait_for 30 "lnd to be LOCKED" 'node_is LOCKED'
: > "$WORK/agent.log"
start_agent
wait_for 60 "the image's agent to give up" 'grep -q "sealed auto-unlock cannot unlock lnd" "$WORK/agent.log"'
node_is LOCKED || fail "the image unlocked lnd: $(node_state)"
grep "sealed auto-unlock cannot unlock lnd" "$WORK/agent.log" | head -n 1 | sed 's/^/   /'
pass "the image taken before the last unlock could not unlock lnd (rotated shares); the box itself unlocked after its reboot"
