#!/usr/bin/env python3
"""A fake casa vault for VaultClientTests (test tool only; the real server is casa-vault).

It implements the blob routes of docs/vault-api.md in memory and verifies every signature
independently of the Swift code (canonical form re-implemented here, Ed25519 via `cryptography`),
plus /_test/* control routes: accounts with limits, injected faults, clock skew, a request log.
Prints "PORT <n>" once listening on 127.0.0.1.
"""
import hashlib, json, re, secrets, sys, threading, time
from http.server import BaseHTTPRequestHandler
from loopback import serve
from urllib.parse import urlparse, parse_qs
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.exceptions import InvalidSignature

lock = threading.Lock()
accounts = {}      # account hex -> {"keys": set, "max": int, "quota": int, "blobs": {name: {v: (data, hash, ms)}}}
faults = []        # queued fault dicts
challenges = set()
nonces = set()
log = []
clock = {"offset": 0}
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


def now_ms():
    return int(time.time() * 1000) + clock["offset"] * 1000


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, status, body=b"", ctype="application/json", headers=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Casa-Server-Time", str(now_ms()))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def json(self, status, obj, headers=None):
        self.send(status, json.dumps(obj).encode(), headers=headers)

    def err(self, status, code, message, **extra):
        body = {"code": code, "message": message}
        body.update(extra)
        self.json(status, {"error": body}, headers={"Retry-After": str(extra["retryAfter"])} if "retryAfter" in extra else None)

    def verify(self, target, body):
        h = self.headers
        key, fresh, nonce, sig = h.get("Casa-Key"), h.get("Casa-Freshness"), h.get("Casa-Nonce"), h.get("Casa-Signature")
        if not (key and fresh and nonce and sig):
            return self.err(401, "missing_signature", "sign the request"), None
        path, _, query = target.partition("?")
        message = "\n".join(["casa-vault-request/v1", self.command, path, query, hashlib.sha256(body).hexdigest(),
                             key.lower(), fresh, nonce.lower()]).encode()
        if fresh.startswith("t="):
            if abs(int(fresh[2:]) - now_ms() // 1000) > 300:
                return self.err(401, "stale_timestamp", "clock off", serverTime=now_ms()), None
        elif fresh.startswith("c="):
            with lock:
                if fresh[2:] not in challenges:
                    return self.err(401, "bad_challenge", "unknown challenge"), None
                challenges.discard(fresh[2:])
        else:
            return self.err(401, "missing_signature", "bad freshness"), None
        try:
            Ed25519PublicKey.from_public_bytes(bytes.fromhex(key)).verify(bytes.fromhex(sig), message)
        except (InvalidSignature, ValueError):
            return self.err(401, "bad_signature", "signature does not verify"), None
        with lock:
            if (key, nonce) in nonces:
                return self.err(401, "replayed", "nonce reused"), None
            nonces.add((key, nonce))
            log.append({"method": self.command, "path": path, "nonce": nonce, "freshness": fresh})
        return None, key.lower()

    def handle_any(self):
        target = self.path
        url = urlparse(target)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        p, m = url.path, self.command
        if p == "/_test/accounts":
            req = json.loads(body)
            with lock:
                accounts[req["account"]] = {"keys": {req["deviceKey"]}, "max": req["maxBlobSize"], "quota": req["quotaBytes"], "blobs": {},
                                            "policy": req.get("policy"), "devices": {}, "revoked": set()}
                for device in req.get("devices", []):
                    accounts[req["account"]]["keys"].add(device)
                    accounts[req["account"]]["devices"][device] = {"key": device, "label": "pi", "createdAt": now_ms(), "hasSealedSecret": False}
            return self.json(201, {})
        if p == "/_test/faults":
            with lock:
                faults.extend([json.loads(body)] * json.loads(body)["count"])
            return self.json(200, {})
        if p == "/_test/clock":
            clock["offset"] = json.loads(body)["offset"]
            return self.json(200, {})
        if p == "/_test/log":
            with lock:
                return self.json(200, log)
        if p == "/v1/challenges" and m == "POST":
            token = secrets.token_hex(16)
            with lock:
                challenges.add(token)
            return self.json(200, {"challenge": token, "expiresAt": now_ms() + 120000, "serverTime": now_ms()})
        with lock:
            fault = faults.pop(0) if faults else None
        if fault:
            if fault.get("reset"):
                self.connection.close()
                self.close_connection = True
                return
            extra = {"retryAfter": fault["retryAfter"]} if "retryAfter" in fault else {}
            return self.err(fault["status"], fault.get("code", "unavailable"), "injected fault", **extra)
        parts = p.split("/")
        if len(parts) < 4 or parts[1] != "v1" or parts[2] != "accounts":
            return self.err(404, "route_not_found", "no such route")
        failure, key = self.verify(target, body)
        if failure is None and key is None:
            return
        acct = accounts.get(parts[3])
        if acct is None:
            return self.err(404, "account_not_found", "no account")
        if key in acct["revoked"]:
            return self.err(403, "device_revoked", "this device was revoked by the owner")
        if key not in acct["keys"]:
            return self.err(403, "forbidden", "key not in account")
        rest = parts[4:]
        with lock:
            return self.route(m, rest, acct, body, parse_qs(url.query))

    def info(self, name, v, entry):
        data, h, ms = entry
        return {"name": name, "version": v, "size": len(data), "contentHash": h, "storedAt": ms}

    def route(self, m, rest, acct, body, q):
        blobs = acct["blobs"]
        if rest == [] and m == "GET":
            return self.json(200, {"account": "x", "ownerKey": "", "livenessKey": "", "createdAt": 0, "disabled": False, "usedBytes": 0,
                                   "quotaBytes": acct["quota"], "maxBlobSize": acct["max"], "policy": acct["policy"], "releaseArmed": False,
                                   "devices": list(acct["devices"].values()), "warnings": []})
        if len(rest) == 2 and rest[0] == "devices" and m == "DELETE":
            device = acct["devices"].get(rest[1])
            if device is None:
                return self.err(404, "device_not_found", "no such device")
            device["revokedAt"] = now_ms()
            acct["revoked"].add(rest[1])
            return self.json(200, device)
        if rest == ["heartbeats"] and m == "POST":
            return self.json(200, {"kind": "device", "receivedAt": now_ms(), "releaseArmed": False})
        if rest == ["blobs"] and m == "GET":
            out = [{"latest": self.info(n, max(vs), vs[max(vs)]), "versionCount": len(vs)} for n, vs in sorted(blobs.items()) if vs]
            return self.json(200, {"blobs": out})
        if len(rest) < 2 or rest[0] != "blobs" or not NAME.match(rest[1]):
            return self.err(400, "invalid_name", "bad name")
        name = rest[1]
        versions = blobs.get(name, {})
        if len(rest) == 2 and m == "GET":
            if not versions:
                return self.err(404, "not_found", "no such blob")
            return self.blob(name, max(versions), versions[max(versions)])
        if len(rest) == 3 and rest[2] == "versions" and m == "GET":
            if not versions:
                return self.err(404, "not_found", "no such blob")
            after = int(q.get("after", ["0"])[0]); limit = int(q.get("limit", ["100"])[0])
            page = [v for v in sorted(versions) if v > after][:limit]
            more = page and page[-1] < max(versions)
            return self.json(200, {"name": name, "versions": [self.info(name, v, versions[v]) for v in page], **({"nextAfter": page[-1]} if more else {})})
        if len(rest) == 4 and rest[2] == "versions":
            if not rest[3].isdigit() or int(rest[3]) < 1:
                return self.err(400, "invalid_version", "versions are integers >= 1")
            v = int(rest[3])
            if m == "GET":
                return self.blob(name, v, versions[v]) if v in versions else self.err(404, "not_found", "no such version")
            if m == "PUT":
                h = (self.headers.get("Casa-Content-Hash") or "").lower()
                if not re.fullmatch(r"[0-9a-f]{64}", h):
                    return self.err(400, "invalid_content_hash", "bad hash")
                latest = max(versions) if versions else 0
                if v in versions:
                    if versions[v][1] == h:
                        return self.json(200, self.info(name, v, versions[v]))
                    return self.err(409, "possible_clone", "different snapshot for this version", currentVersion=latest)
                if v != latest + 1:
                    return self.err(409, "version_conflict", "expected %d" % (latest + 1), currentVersion=latest)
                if len(body) > acct["max"]:
                    return self.err(413, "too_large", "blob too large")
                used = sum(len(e[0]) for vs in blobs.values() for e in vs.values())
                if used + len(body) > acct["quota"]:
                    return self.err(507, "quota_exceeded", "quota full")
                blobs.setdefault(name, {})[v] = (body, h, now_ms())
                return self.json(201, self.info(name, v, blobs[name][v]))
        return self.err(405, "method_not_allowed", "no")

    def blob(self, name, v, entry):
        data, h, ms = entry
        self.send(200, data, "application/octet-stream", {"Casa-Version": str(v), "Casa-Content-Hash": h, "Casa-Stored-At": str(ms)})

    do_GET = do_PUT = do_POST = do_DELETE = handle_any


if __name__ == "__main__":
    serve(Handler)
