# Helpers for the doctor-*.sh checks (sourced after recovery/drills/lib.sh; not a check itself).

# run_doctor [flags]: `casa-backupd doctor --json` with the agent's settings (agent_args) and the
# extra flags; the JSON goes to $WORK/doctor.json, the exit status to DOCTOR_EXIT.
run_doctor() {
  set +e
  # shellcheck disable=SC2046
  "$CASA_BIN/casa-backupd" doctor $(agent_args) --json "$@" > "$WORK/doctor.json" 2> "$WORK/doctor.err"
  DOCTOR_EXIT=$?
  set -e
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$WORK/doctor.json" \
    || fail "doctor --json printed no JSON (exit $DOCTOR_EXIT): $(cat "$WORK/doctor.json" "$WORK/doctor.err")"
  python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); [print("   %-5s %s: %s" % (c["status"], c["name"], c["detail"])) for c in j["checks"]]' "$WORK/doctor.json"
}

# expect_check NAME STATUS [TEXT]: the check NAME has STATUS; a warn or fail has a fix; TEXT
# (if given) is in its detail.
expect_check() {
  python3 - "$WORK/doctor.json" "$@" <<'PY' || fail "doctor: check $1 is not $2${3:+ with \"$3\"}: $(cat "$WORK/doctor.json")"
import json, sys
j = json.load(open(sys.argv[1]))
name, status = sys.argv[2], sys.argv[3]
text = sys.argv[4] if len(sys.argv) > 4 else ""
checks = [c for c in j["checks"] if c["name"] == name]
assert len(checks) == 1, "no check " + name
c = checks[0]
assert set(c) == {"name", "status", "detail", "fix"}, c
assert c["status"] == status, c
assert (c["fix"] is None) == (status == "ok") and (status == "ok" or len(c["fix"]) > 10), c
assert text in c["detail"], c
assert j["ok"] == all(c["status"] != "fail" for c in j["checks"]), j
PY
}

# expect_exit N: doctor's exit status (0 all ok, 1 warnings only, 2 a failure).
expect_exit() { [ "$DOCTOR_EXIT" = "$1" ] || fail "doctor exited $DOCTOR_EXIT, expected $1: $(cat "$WORK/doctor.json")"; }

# expect_fix NAME TEXT: TEXT is in the check's fix.
expect_fix() {
  python3 -c 'import json,sys; c=[c for c in json.load(open(sys.argv[1]))["checks"] if c["name"]==sys.argv[2]][0]; assert sys.argv[3] in (c["fix"] or ""), c' \
    "$WORK/doctor.json" "$1" "$2" || fail "doctor: the fix of $1 does not say \"$2\": $(cat "$WORK/doctor.json")"
}
