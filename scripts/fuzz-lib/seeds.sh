# Sourced by scripts/fuzz: seed corpora from the repository's vectors (docs/fuzzing.md).
# A seed is one selector byte (which target of the harness) followed by the target's input.

# The body of a vector file: the hex after the first blank line (Tests/Vectors/{envelope,keys,scb}).
vector_body_hex() { awk 'body { gsub(/[ \t\r]/, ""); printf "%s", $0 } /^[ \t\r]*$/ { body = 1 }' "$1"; }

# selector (0-255), hex -> binary seed on stdout.
hex_seed() { printf "\\x$(printf %02x "$1")"; printf '%b' "$(printf %s "$2" | sed 's/../\\x&/g')"; }

# dir selector file...: one seed per vector body.
seed_vector_bodies() {
  local dir=$1 selector=$2 f; shift 2
  for f in "$@"; do hex_seed "$selector" "$(vector_body_hex "$f")" > "$dir/$(basename "$f")-$selector"; done
}

# dir selector file...: one seed per file, bytes as they are.
seed_files() {
  local dir=$1 selector=$2 f; shift 2
  for f in "$@"; do { printf "\\x$(printf %02x "$selector")"; cat "$f"; } > "$dir/$(basename "$f")-$selector"; done
}

# dir selector text...: one seed per text argument.
seed_texts() {
  local dir=$1 selector=$2 i=0 text; shift 2
  for text in "$@"; do i=$((i + 1)); { printf "\\x$(printf %02x "$selector")"; printf %s "$text"; } > "$dir/text-$selector-$i"; done
}

# Writes .build-fuzz/<harness>/seeds (rebuilt every run) and keeps <harness>/corpus (grows).
seed_harness() {
  local h=$1 seeds="$out/$1/seeds"
  rm -rf "$seeds"; mkdir -p "$seeds" "$out/$h/corpus"
  case $h in
    scb)
      seed_vector_bodies "$seeds" 1 Tests/Vectors/scb/*.vector ;;
    envelope)
      seed_vector_bodies "$seeds" 0 Tests/Vectors/envelope/*.txt
      seed_vector_bodies "$seeds" 1 Tests/Vectors/envelope/*.txt ;;
    unlock-seal)
      seed_vector_bodies "$seeds" 0 Tests/Vectors/keys/unlock-*.txt ;;
    aezeed) seed_aezeed "$seeds" ;;
    snapshot-file) seed_snapshot_file "$seeds" ;;
    vault-request) seed_vault_request "$seeds" ;;
    lnd-json) seed_lnd_json "$seeds" ;;
    toml) seed_toml "$seeds" ;;
    lightning-wire)
      printf '\x00\x00\x10\x00\x00\x00\x06\x20\x00\x00\x02\xa2\x02' > "$seeds/init"
      printf '\x00\x00\x11%32s\x00\x00' | tr ' ' '\x11' > "$seeds/error" ;;
  esac
  # Plaintexts behind authentication: the harness writes them while replaying the vector seeds.
  CASA_FUZZ_SEED_OUT="$seeds" "$out/bin/$h" -artifact_prefix="$seeds/" $(find "$seeds" -type f) >/dev/null 2>&1 || true
  [ -z "$(find "$seeds" -name 'crash-*')" ] || { echo "a vector seed crashes $h" >&2; return 1; }
}

# "key: value" field of a vector file.
vector_field() { sed -n "s/^$2: *//p" "$1" | head -1; }

seed_aezeed() {
  local dir=$1 f
  for f in Tests/Vectors/seedkit/aezeed/*.txt; do
    seed_texts "$dir" 0 "$(vector_field "$f" mnemonic)"
    hex_seed 1 "$(vector_field "$f" cs33)" > "$dir/$(basename "$f")-1"
    hex_seed 2 "$(vector_field "$f" cs33)" > "$dir/$(basename "$f")-2"
  done
  seed_texts "$dir" 3 "aezeed" "" "0123456789abcdef0123456789abcdef0"
}

seed_snapshot_file() {
  local dir=$1 f=Tests/Vectors/local-store/snapshot-file-v1.txt s
  for s in 0 1 2 3; do hex_seed "$s" "$(vector_field "$f" expect)" > "$dir/snapshot-file-v1-$s"; done
}

seed_vault_request() {
  local dir=$1 f k=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
  for f in Tests/Vectors/vault-request/*.txt; do
    [ -z "$(vector_field "$f" target)" ] && continue
    seed_texts "$dir" 0 "$(vector_field "$f" freshness)" "$(vector_field "$f" nonce)"
    seed_texts "$dir" 1 "$(vector_field "$f" target)"
    seed_texts "$dir" 2 "$(vector_field "$f" key)"
  done
  seed_texts "$dir" 3 "{\"livenessKey\":\"$k\",\"device\":{\"key\":\"$k\",\"label\":\"pi\"}}" "{\"label\":\"laptop\"}"
  seed_texts "$dir" 4 '{"releaseWindowSeconds":259200,"retention":{"keepAllDays":30,"keepDailyDays":365}}' \
    '{"keepAllDays":null,"keepDailyDays":0}'
  seed_texts "$dir" 5 '{"error":{"code":"conflict","message":"m","currentVersion":3,"retryAfter":1,"serverTime":1764085200}}' \
    '{"name":"scb","versions":[{"name":"scb","version":1,"size":3,"contentHash":"00","storedAt":1}],"nextAfter":1}' \
    '{"challenge":"abc","expiresAt":1,"serverTime":1}'
}

seed_lnd_json() {
  local dir=$1 v=Tests/Vectors/lnd
  seed_files "$dir" 0 $v/getinfo.json $v/nodeinfo.json
  seed_files "$dir" 1 $v/listchannels.json $v/pendingchannels.json
  seed_files "$dir" 2 $v/chanbackupsnapshot.json
  seed_files "$dir" 3 $v/closestatus_closed.json $v/closestatus_pending.json $v/getstate.json $v/error_locked.json
  seed_files "$dir" 4 $v/verify.json $v/restore.json $v/sharedkey.json $v/genseed.json
  seed_files "$dir" 5 $v/closestatus_closed.json
}

seed_toml() {
  local dir=$1 f
  for f in vault/casa-vault.toml $(find deploy -name '*.toml' 2>/dev/null); do seed_files "$dir" 0 "$f"; seed_files "$dir" 1 "$f"; done
}
