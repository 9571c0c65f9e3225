#!/usr/bin/env python3
"""A tiny fake of lnd's REST gateway for LNDClientTests (test tool only; the real simulator is lnd-sim).

Usage: fake_lnd.py --cert C --key K --vectors DIR --macaroon-hex HEX
Serves recorded fixtures over TLS on 127.0.0.1 and prints "PORT <n>".
"""
import argparse, base64, json, ssl, sys, threading, time
from http.server import BaseHTTPRequestHandler
from loopback import serve
from urllib.parse import urlparse, parse_qs

args = None
state = {"wallet": "LOCKED"}
PASSWORD = b"correct horse battery"


def fixture(name):
    with open("%s/%s.json" % (args.vectors, name)) as f:
        return json.load(f)["message"]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def reply(self, status, obj):
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def error(self, code, message, status=500):
        self.reply(status, {"code": code, "message": message, "details": []})

    def stream(self, pieces):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for piece in pieces:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.flush()
            time.sleep(0.01)
        self.wfile.write(b"0\r\n\r\n")

    def authorized(self):
        if self.headers.get("Grpc-Metadata-macaroon") != args.macaroon_hex:
            self.error(2, "verification failed: signature mismatch after caveat verification")
            return False
        if state["wallet"] == "LOCKED":
            self.error(2, "wallet locked, unlock it to enable full RPC access")
            return False
        return True

    def handle_any(self):
        url = urlparse(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}") if length else {}
        p, m = url.path, self.command
        if p == "/v1/state":
            return self.reply(200, {"state": state["wallet"]})
        if p == "/v1/state/subscribe":
            lines = [json.dumps({"result": {"state": s}}).encode() + b"\n" for s in ["LOCKED", "UNLOCKED", "RPC_ACTIVE", "SERVER_ACTIVE"]]
            blob = b"".join(lines)
            return self.stream([blob[:10], blob[10:47], blob[47:]])
        if p == "/v1/unlockwallet":
            if state["wallet"] != "LOCKED":
                return self.error(2, "wallet already unlocked, WalletUnlocker service is no longer available")
            if base64.b64decode(body.get("wallet_password", "")) != PASSWORD:
                return self.error(2, "invalid passphrase for master public key")
            state["wallet"] = "SERVER_ACTIVE"
            return self.reply(200, {})
        if p == "/v1/initwallet":
            words = body.get("cipher_seed_mnemonic", [])
            if len(words) != 24 or base64.b64decode(body["wallet_password"]) != PASSWORD:
                return self.error(2, "bad init request: %d words" % len(words))
            return self.reply(200, {"admin_macaroon": base64.b64encode(b"\x02admin").decode()})
        if p == "/v1/genseed":
            return self.reply(200, fixture("genseed"))
        if not self.authorized():
            return
        if p == "/v1/getinfo":
            return self.reply(200, fixture("getinfo"))
        if p == "/v1/channels" and m == "GET":
            return self.reply(200, fixture("listchannels"))
        if p == "/v1/channels/pending":
            return self.reply(200, fixture("pendingchannels"))
        if p == "/v1/channels/backup":
            return self.reply(200, fixture("chanbackupsnapshot"))
        if p == "/v1/channels/backup/subscribe":
            line = json.dumps({"result": fixture("chanbackupsnapshot")}).encode() + b"\n"
            err = json.dumps({"error": {"code": 14, "message": "stream closed by server", "details": []}}).encode() + b"\n"
            blob = line + line + err
            return self.stream([blob[i:i + 97] for i in range(0, len(blob), 97)])
        if p == "/v1/channels/backup/verify":
            ok = ("multi_chan_backup" in body) != ("single_chan_backups" in body)
            return self.reply(200, fixture("verify")) if ok else self.error(2, "either multi or single, not both")
        if p == "/v1/channels/backup/restore":
            return self.reply(200, fixture("restore")) if "multi_chan_backup" in body else self.error(2, "bad restore body")
        if p == "/v2/signer/sharedkey":
            loc = body.get("key_desc", {}).get("key_loc", {})
            if len(base64.b64decode(body.get("ephemeral_pubkey", ""))) != 33 or loc.get("key_family") != 7:
                return self.error(2, "bad sharedkey request %s" % body)
            return self.reply(200, fixture("sharedkey"))
        if p.startswith("/v1/graph/node/"):
            return self.reply(200, fixture("nodeinfo"))
        if p == "/v1/peers" and m == "POST":
            ok = body.get("perm") is True and body.get("addr", {}).get("host")
            return self.reply(200, {"status": "connection initiated"}) if ok else self.error(2, "bad connect")
        if p.startswith("/v1/channels/") and m == "DELETE":
            if parse_qs(url.query).get("force") != ["true"]:
                return self.error(2, "expected force")
            lines = [json.dumps({"result": fixture(n)}).encode() + b"\n" for n in ["closestatus_pending", "closestatus_closed"]]
            return self.stream(lines + [b'{"result": garbage}\n'])
        self.error(12, "Not Implemented", 501)

    do_GET = do_POST = do_DELETE = handle_any


def main():
    global args
    parser = argparse.ArgumentParser()
    for a in ["--cert", "--key", "--vectors", "--macaroon-hex"]:
        parser.add_argument(a, required=True)
    args = parser.parse_args()
    serve(Handler, args.cert, args.key)


if __name__ == "__main__":
    main()
