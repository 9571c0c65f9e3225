#!/usr/bin/env bash
# Drill 14: two agents write for the same node at once: the SD card was cloned and the clone
# booted on a second box, each with its own lnd and its own new channels. After the disaster,
# `list` and `restore` show both branches and ask the owner; nothing is picked silently, and
# `--branch` restores exactly the chosen branch's channels (issue 14).
. "$(dirname "$0")/lib.sh"
drill_init 14 "two writers at once, then a disaster"

step "one node with one channel, backed up"
start_vault
start_seeded_node "$WORK/node"
common=$(open_channel --type anchors-zero-fee-htlc)
sim mine 3 >/dev/null
enroll_agent
start_agent
wait_for 60 "the one-channel snapshot in the vault" 'test "$(vault_newest channels)" = 1'

step "the SD card is cloned; the clone boots on a second box beside the original"
stop_agent
stop_node
cp -a "$WORK/node" "$WORK/clone"
cp -a "$WORK/agent" "$WORK/agent-clone"
sed -i "s/^restlisten=.*/restlisten=127.0.0.1:$(free_port)/" "$WORK/clone/lnd.conf"
start_node "$WORK/clone" --wallet-password-file "$WORK/wallet-password.txt"
CLONE_PID=$NODE_PID
CLONE_AGENT_PORT=$(free_port)
"$CASA_BIN/casa-backupd" run --lnddir "$WORK/clone" --network regtest --state-dir "$WORK/agent-clone" --vault-url "$VAULT_URL" \
  --metrics-port "$CLONE_AGENT_PORT" >> "$WORK/agent-clone.log" 2>&1 &
DRILL_PIDS+=("$!")
wait_for 30 "the clone's agent" 'curl -fsS "http://127.0.0.1:$CLONE_AGENT_PORT/status"'
clone_points=("$common" "$(open_channel --type static-remote-key)" "$(open_channel --type simple-taproot)")
sim mine 3 >/dev/null
start_node "$WORK/node" --wallet-password-file "$WORK/wallet-password.txt"
start_agent
original_points=("$common" "$(open_channel --type simple-taproot)")
sim mine 3 >/dev/null

list_vault() { recover list --vault "$VAULT_URL" --network regtest $(seed_files) --json > "$WORK/list.json"; }
branch_channels() { json_get "$WORK/list.json" "' '.join(sorted(str(b['channels']) for b in j['branches']))"; }
wait_for 90 "both boxes' snapshots in the vault (two branches: 2 and 3 channels)" 'list_vault && test "$(branch_channels)" = "2 3"'
say "   the vault's history forked: $(json_get "$WORK/list.json" "[(b['number'], b['writer'][:8], b['channels']) for b in j['branches']]")"
[ "$(agent_status history | python3 -c 'import ast,sys; print(ast.literal_eval(sys.stdin.read())["forked"])')" = True ] \
  || fail "the original box's agent does not report the fork"
say "   the original box's agent says the history forked"

step "disaster: both boxes are gone"
kill "$CLONE_PID" 2>/dev/null || true
for pid in "${DRILL_PIDS[@]}"; do [ "$pid" = "$VAULT_PID" ] || kill "$pid" 2>/dev/null || true; done
destroy_node
rm -rf "$WORK/agent" "$WORK/agent-clone" "$WORK/clone"
start_node "$WORK/node"
wait_for 30 "the new lnd to wait for a wallet" 'node_is NON_EXISTING'

step "restore without a choice: both branches are shown, nothing is restored"
restore_node restore-unchosen --vault "$VAULT_URL"
[ $RESTORE_EXIT -eq 76 ] || fail "restore without --branch exited $RESTORE_EXIT (expected 76, choose a branch)"
node_is NON_EXISTING || fail "restore touched lnd before a branch was chosen: $(node_state)"
recover list --vault "$VAULT_URL" --network regtest $(seed_files) | tee "$WORK/list.txt" | sed 's/^/   /' | tail -n 8
grep -q "Next: choose a branch" "$WORK/list.txt" || fail "list does not ask for a branch"

step "at a terminal, restore shows the branches and asks; Enter stops it without touching lnd"
# script(1) gives casa-recover a terminal; the Enter typed here answers its question.
set +e
printf '\n' | script -qec "$CASA_BIN/casa-recover restore --vault $VAULT_URL --lnddir $NODE_DIR --network regtest \
  --words-file $WORK/words.txt --passphrase-file $WORK/passphrase.txt --wallet-password-file $WORK/wallet-password.txt \
  --work-dir $WORK/restore-asked" /dev/null > "$WORK/asked.txt" 2>&1
code=$?
set -e
[ $code -eq 74 ] || fail "restore at a terminal, answered with Enter, exited $code (expected 74): $(cat "$WORK/asked.txt")"
grep -q "Which branch (1-2, Enter to stop)?" "$WORK/asked.txt" || fail "restore did not ask for a branch: $(cat "$WORK/asked.txt")"
node_is NON_EXISTING || fail "restore touched lnd although nobody chose: $(node_state)"
say "   asked: $(grep -o 'Which branch[^?]*?' "$WORK/asked.txt" | head -n 1); Enter: exit 74, nothing restored"

step "the owner chooses the clone's branch (3 channels): exactly its channels come back"
clone_branch=$(json_get "$WORK/list.json" "[b['number'] for b in j['branches'] if b['channels'] == 3][0]")
restore_node restore --vault "$VAULT_URL" --branch "$clone_branch" --reconnect-pauses 0
expect_restore_ran restore
expect_points "restore of branch $clone_branch" "$(restored_points restore)" "$(sorted_lines "${clone_points[@]}")"
pass "the forked history was shown and not guessed (exit 76); --branch $clone_branch restored exactly its 3 channels"
