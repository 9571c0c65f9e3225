#!/usr/bin/env bash
# Issue 18: `casa-backupd doctor`'s vault, clock, enrollment and folder checks each fail for the
# cause they name, with a fix: a vault_pin that is not the vault's key (named as a pin mismatch),
# a vault that does not answer, a vault clock far from this machine's, a device never enrolled, a
# missing state_dir, a second_copy_dir that is missing or not a folder.
. "$(dirname "$0")/../../../recovery/drills/lib.sh"
. "$(dirname "$0")/doctor-helpers.bash"
drill_init doctor-vault-local "casa-backupd doctor: vault pin, vault down, clock skew, not enrolled, folders"
NODE_DIR="$WORK/no-lnd"   # no lnd here: the lnd checks are not the subject
AGENT_PORT=$(free_port)
mkdir -p "$WORK/agent"
start_vault

step "the vault behind TLS with the right vault_pin: vault ok"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$WORK/vault.key" -out "$WORK/vault.crt" -days 2 \
  -subj /CN=localhost -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" 2>/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$WORK/other.key" -out "$WORK/other.crt" -days 2 \
  -subj /CN=other 2>/dev/null
pin_of() { openssl x509 -in "$1" -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64; }
python3 "$DRILL_ROOT/Tests/Servers/tls_terminator.py" --cert "$WORK/vault.crt" --key "$WORK/vault.key" --upstream "127.0.0.1:$VAULT_PORT" \
  > "$WORK/tls.log" 2>&1 &
DRILL_PIDS+=("$!")
wait_for 30 "the TLS terminator" 'grep -q "^PORT " "$WORK/tls.log"'
plain_url=$VAULT_URL
VAULT_URL="https://127.0.0.1:$(sed -n 's/^PORT //p' "$WORK/tls.log")"
run_doctor --vault-pin "sha256//$(pin_of "$WORK/vault.crt")"
expect_check vault ok "TLS pin matches"
expect_check clock ok

step "a vault_pin that is not the vault's key: vault fails as a pin mismatch, exit 2"
run_doctor --vault-pin "sha256//$(pin_of "$WORK/other.crt")"
expect_check vault fail "TLS pin mismatch"
expect_fix vault "set vault_pin to the new one"
expect_exit 2

step "no pin and no CA file for a self-signed vault: vault fails, the fix names vault_pin"
run_doctor
expect_check vault fail "TLS handshake"
expect_fix vault "vault_pin or vault_ca_file"
VAULT_URL=$plain_url

step "a device never enrolled: enrollment fails with the enroll fix, exit 2"
run_doctor
expect_check vault ok
expect_check enrollment fail "not enrolled"
expect_fix enrollment "casa-backupd enroll"
expect_exit 2

step "a missing state_dir, and a second_copy_dir that is missing or a file: each fails"
run_doctor --state-dir "$WORK/missing-state"
expect_check state-dir fail "does not exist"
expect_fix state-dir "install -d"
CASA_BACKUPD_SECOND_COPY_DIR="$WORK/usb-not-mounted" run_doctor
expect_check usb-copy fail "does not exist"
expect_fix usb-copy "ReadWritePaths="
touch "$WORK/a-file"
CASA_BACKUPD_SECOND_COPY_DIR="$WORK/a-file" run_doctor
expect_check usb-copy fail "is not a folder"
expect_check state-dir ok
expect_exit 2
mkdir "$WORK/usb"
CASA_BACKUPD_SECOND_COPY_DIR="$WORK/usb" run_doctor
expect_check usb-copy ok
[ -z "$(ls -A "$WORK/usb")" ] || fail "doctor left something in the USB folder: $(ls -A "$WORK/usb")"

step "a vault whose clock is far from this machine's: clock warns (minutes) or fails (hours)"
cat > "$WORK/skewed_vault.py" <<'PY'
import http.server, json, sys, time
offset = float(sys.argv[1])
class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        now = int((time.time() + offset) * 1000)
        body = json.dumps({"challenge": "00" * 32, "expiresAt": now + 120000, "serverTime": now}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Casa-Server-Time", str(now))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
print("PORT %d" % server.server_address[1], flush=True)
server.serve_forever()
PY
for offset in -300 7200; do
  python3 "$WORK/skewed_vault.py" "$offset" > "$WORK/skewed-$offset.log" 2>&1 &
  DRILL_PIDS+=("$!")
  wait_for 30 "the skewed vault" 'grep -q "^PORT " "$WORK/skewed-$offset.log"'
done
VAULT_URL="http://127.0.0.1:$(sed -n 's/^PORT //p' "$WORK/skewed--300.log")"
run_doctor
expect_check clock warn "ahead of the vault's"
expect_fix clock "timedatectl set-ntp true"
VAULT_URL="http://127.0.0.1:$(sed -n 's/^PORT //p' "$WORK/skewed-7200.log")"
run_doctor
expect_check clock fail "7200 s behind the vault's"
expect_exit 2
VAULT_URL=$plain_url

step "the vault down: vault fails, exit 2"
stop_vault
run_doctor
expect_check vault fail "does not answer"
expect_fix vault "check vault_url"
expect_check clock warn "not checked"
expect_exit 2
pass "doctor names a pin mismatch, a self-signed vault without pin, a vault down, clock skew, no enrollment, missing state and USB folders"
