# Sourced by scripts/fuzz: direct swiftc builds (libFuzzer + AddressSanitizer) into $out.
# Each module is rebuilt only when one of its sources is newer than its library.
flags=(-sanitize=fuzzer,address -parse-as-library -O -enable-testing -swift-version 6
       -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility
       -I "$out/modules" -I Sources/CSodium -I Sources/CSecp256k1 -I Sources/CCrypto -I Sources/CCurl
       $(pkg-config --cflags-only-I libsodium libsecp256k1 | sed 's/-I/-Xcc -I/g'))
system_libs=($(pkg-config --libs libsodium libsecp256k1) -lcrypto)

# True when $1 is missing or older than any of the files after it.
stale() {
  local target=$1; shift
  [ -e "$target" ] || return 0
  [ -n "$(find "$@" -newer "$target" -print -quit)" ]
}

# module name, sources...
lib() {
  local name=$1; shift
  # The folders count too: a deleted source file changes only its folder's time.
  stale "$out/lib/lib$name.a" "$@" $(find "Sources/$name" -type d 2>/dev/null) "$out/flags" || return 0
  echo "building $name" >&2
  swiftc "${flags[@]}" -module-name "$name" -emit-module -emit-module-path "$out/modules/$name.swiftmodule" \
    -emit-library -static -o "$out/lib/lib$name.a" "$@"
}

swift_sources() { find "$@" -name '*.swift' | sort; }

build_libraries() {
  mkdir -p "$out/modules" "$out/lib" "$out/bin"
  # Changed flags rebuild everything: $out/flags is rewritten only when they change.
  [ "$(cat "$out/flags" 2>/dev/null)" = "${flags[*]}" ] || echo "${flags[*]}" > "$out/flags"
  lib Codecs $(swift_sources Sources/Codecs)
  lib LightningTypes $(swift_sources Sources/LightningTypes)
  lib Sodium $(swift_sources Sources/Sodium)
  lib CommandLineSupport $(swift_sources Sources/CommandLineSupport)
  lib Secp256k1 $(swift_sources Sources/Secp256k1)
  lib SeedKit $(swift_sources Sources/SeedKit)
  lib BlobStorage $(swift_sources Sources/BlobStorage)
  lib BackupCore $(swift_sources Sources/BackupCore)
  lib LightningWire $(swift_sources Sources/LightningWire)
  lib VaultAPI $(swift_sources Sources/VaultAPI)
  lib CurlHTTP $(swift_sources Sources/CurlHTTP)
}

# TOMLKit from SwiftPM's checkout (.build/checkouts, made by `swift build`; read, never written):
# its C++ shim around toml++ with clang++, then its Swift module (Swift 5 mode, as in its package).
tomlkit=.build/checkouts/TOMLKit/Sources
build_tomlkit() {
  [ -d "$tomlkit" ] || return 1
  local objects=() f o sources=()
  for f in "$tomlkit"/CTOML/Sources/*.cpp; do
    o="$out/lib/ctoml-$(basename "$f" .cpp | tr -dc 'A-Za-z').o"; objects+=("$o")
    stale "$o" "$f" || continue
    echo "building $(basename "$f")" >&2
    clang++ -std=c++17 -DTOML_EXCEPTIONS=1 -DNDEBUG -fsanitize=fuzzer-no-link,address -O1 -w -I"$tomlkit/CTOML/include" -c "$f" -o "$o"
  done
  stale "$out/lib/libCTOML.a" "${objects[@]}" && ar rcs "$out/lib/libCTOML.a" "${objects[@]}"
  mapfile -d '' sources < <(find "$tomlkit/TOMLKit" -name '*.swift' -print0)
  stale "$out/lib/libTOMLKit.a" "${sources[@]}" || return 0
  echo "building TOMLKit" >&2
  swiftc -sanitize=fuzzer,address -parse-as-library -O -swift-version 5 -suppress-warnings -module-name TOMLKit \
    -emit-module -emit-module-path "$out/modules/TOMLKit.swiftmodule" -emit-library -static -o "$out/lib/libTOMLKit.a" \
    -I "$tomlkit/CTOML/include/CTOML" "${sources[@]}"
}

# casa's TOMLConfig (the agent's configuration file reader) over that TOMLKit.
build_tomlconfig() {
  local sources=($(swift_sources Sources/TOMLConfig))
  stale "$out/lib/libTOMLConfig.a" "${sources[@]}" "$out/lib/libTOMLKit.a" || return 0
  echo "building TOMLConfig" >&2
  swiftc "${flags[@]}" -Xcc "-I$tomlkit/CTOML/include/CTOML" -module-name TOMLConfig -emit-module \
    -emit-module-path "$out/modules/TOMLConfig.swiftmodule" -emit-library -static -o "$out/lib/libTOMLConfig.a" "${sources[@]}"
}

# The libraries and extra sources of each harness (extra sources compile into the harness itself,
# for parsers whose module pulls in dependencies the fuzzer does not need, such as GRDB).
harness_inputs() {
  case $1 in
    scb|envelope|unlock-seal) echo "-lBackupCore -lSeedKit -lBlobStorage -lLightningTypes -lSecp256k1 -lSodium -lCodecs" ;;
    aezeed) echo "-lSeedKit -lLightningTypes -lSecp256k1 -lSodium -lCodecs" ;;
    snapshot-file) echo "-lCommandLineSupport -lSodium -lCodecs" Sources/LocalStore/{SnapshotFileFormat,SnapshotMetadata,SnapshotCorruption,ErrnoCode}.swift \
                         Sources/Recovery/Snapshots/LocalSnapshotFile.swift Sources/Recovery/RecoveryError.swift ;;
    vault-request) echo "-lVaultAPI -lBlobStorage -lSodium -lCodecs" ;;
    lnd-json) echo "-lCurlHTTP -lLightningTypes -lSodium -lCodecs -lcurl" $(swift_sources Sources/LNDClient/Models) Sources/LNDClient/{NDJSONLineSplitter,LNDError}.swift ;;
    lightning-wire) echo "-lLightningWire -lLightningTypes -lSecp256k1 -lSodium -lCodecs" ;;
    toml) echo "-lTOMLConfig -lTOMLKit -lCTOML -lstdc++ -Xcc -I$tomlkit/CTOML/include/CTOML" Sources/BackupAgent/Config/AgentConfigFile.swift Sources/BackupAgent/Pipeline/AgentError.swift ;;
    *) echo "unknown harness $1" >&2; return 1 ;;
  esac
}

# Fuzz/scb-fuzz.swift -> .build-fuzz/bin/scb
build_harness() {
  local h=$1 inputs sources=() libs=()
  inputs=$(harness_inputs "$h")
  for i in $inputs; do case $i in -l*|-Xcc|-I*) libs+=("$i") ;; *) sources+=("$i") ;; esac; done
  stale "$out/bin/$h" "Fuzz/$h-fuzz.swift" Fuzz/FuzzSupport.swift "${sources[@]}" "$out/lib" || return 0
  echo "building harness $h" >&2
  swiftc "${flags[@]}" -module-name "$(echo "$h" | tr -d -)fuzz" "Fuzz/$h-fuzz.swift" Fuzz/FuzzSupport.swift "${sources[@]}" \
    -L "$out/lib" "${libs[@]}" "${system_libs[@]}" -o "$out/bin/$h" 2>&1 | { grep -v "Cannot export local symbol" >&2 || true; }
}
