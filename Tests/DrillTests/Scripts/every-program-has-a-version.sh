#!/usr/bin/env bash
# Issue 18: `--version` works on every program, and all four print the package's one version
# (Sources/BuildInfo/BuildInfo.swift).
. "$(dirname "$0")/../../../recovery/drills/lib.sh"
drill_init versions "every program answers --version with the package's version"

expected=$(sed -n 's/.*static let version = "\(.*\)".*/\1/p' "$(dirname "$0")/../../../Sources/BuildInfo/BuildInfo.swift")
[ -n "$expected" ] || fail "no version in Sources/BuildInfo/BuildInfo.swift"
for program in casa-backupd casa-recover casa-vault lnd-sim; do
  got=$("$CASA_BIN/$program" --version 2>&1) || fail "$program --version exited $?: $got"
  [ "$got" = "$expected" ] || fail "$program --version printed \"$got\", expected \"$expected\""
  say "   $program $got"
done
pass "casa-backupd, casa-recover, casa-vault and lnd-sim all print $expected"
