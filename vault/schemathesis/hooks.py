"""Schemathesis hooks for the casa vault: sign every request like docs/vault-api.md says.

Loaded with SCHEMATHESIS_HOOKS=hooks (PYTHONPATH=vault/schemathesis) by scripts/schemathesis.
At import it enrolls a fresh account on the vault at CASA_VAULT_URL (owner, liveness and device
keys), stores a blob and a sealed secret, and then:
- points {account}/{device}/{name} path parameters at that account most of the time, so that
  generated requests reach the handlers instead of stopping at "unknown account";
- signs the final bytes of every request (method, path, query, body SHA-256, key, freshness,
  nonce) right before it is sent, by wrapping requests.Session.send;
- counts what the server answered and writes it to CASA_SCHEMATHESIS_STATS (JSON) at exit.
"""
import atexit
import collections
import hashlib
import json
import os
import random
import secrets
import time
from urllib.parse import urlsplit

import requests
import schemathesis
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

BASE = os.environ["CASA_VAULT_URL"].rstrip("/")
STATS_PATH = os.environ.get("CASA_SCHEMATHESIS_STATS")


def public(key):
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


OWNER = Ed25519PrivateKey.generate()
LIVENESS = Ed25519PrivateKey.generate()
DEVICE = Ed25519PrivateKey.generate()
ACCOUNT = hashlib.sha256(b"casa-vault/account/v1" + public(OWNER)).hexdigest()
DEVICE_HEX = public(DEVICE).hex()


def sign(key, method, path_url, body):
    """The four auth headers for the exact request line and body."""
    if body is None:
        body = b""
    elif isinstance(body, str):
        body = body.encode()
    path, _, query = path_url.partition("?")
    nonce = secrets.token_hex(16)
    freshness = "t=%d" % int(time.time())
    key_hex = public(key).hex()
    message = "\n".join([
        "casa-vault-request/v1", method.upper(), path, query,
        hashlib.sha256(body).hexdigest(), key_hex, freshness, nonce,
    ]).encode()
    return {
        "Casa-Key": key_hex,
        "Casa-Freshness": freshness,
        "Casa-Nonce": nonce,
        "Casa-Signature": key.sign(message).hex(),
    }


_send = requests.Session.send
STATS = collections.Counter()
CODES = collections.Counter()
# Answers that mean the request never reached a route handler's own logic.
NOT_REACHED = {"missing_signature", "bad_signature", "stale_timestamp", "replayed", "bad_challenge",
               "account_not_found", "route_not_found", "method_not_allowed", "rate_limited"}


def signed_send(self, request, **kwargs):
    path_url = request.path_url
    if urlsplit(request.url).path.startswith("/v1/accounts"):
        # The sealed-secret slot belongs to the device; everything else is signed by the owner.
        key = DEVICE if path_url.split("?")[0].endswith("/sealed-secret") and request.method == "PUT" else OWNER
        for name in ("Casa-Key", "Casa-Freshness", "Casa-Nonce", "Casa-Signature"):
            request.headers.pop(name, None)
        request.headers.update(sign(key, request.method, path_url, request.body))
    response = _send(self, request, **kwargs)
    if urlsplit(request.url).path.startswith("/v1/accounts"):
        STATS["total"] += 1
        code = None
        if response.status_code >= 400:
            try:
                code = response.json()["error"]["code"]
            except Exception:
                code = "no-json-body"
        CODES["%d %s" % (response.status_code, code or "")] += 1
        STATS["reached_handler" if code not in NOT_REACHED else "stopped_before_handler"] += 1
        if response.status_code >= 500:
            STATS["server_errors"] += 1
    return response


requests.Session.send = signed_send


def write_stats():
    if STATS_PATH:
        with open(STATS_PATH, "w") as f:
            json.dump({"account_requests": dict(STATS), "by_status": dict(CODES)}, f, indent=1, sort_keys=True)


atexit.register(write_stats)


def setup():
    """Enroll the account, store a blob and a sealed secret, arm the release."""
    session = requests.Session()
    body = json.dumps({"livenessKey": public(LIVENESS).hex(), "device": {"key": DEVICE_HEX, "label": "schemathesis"}}).encode()
    r = session.put(BASE + "/v1/accounts/" + ACCOUNT, data=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 201, r.text
    blob = secrets.token_bytes(256)
    r = session.put(BASE + "/v1/accounts/%s/blobs/scb/versions/1" % ACCOUNT, data=blob,
                    headers={"Content-Type": "application/octet-stream",
                             "Casa-Content-Hash": hashlib.sha256(blob).hexdigest()})
    assert r.status_code == 201, r.text
    r = session.put(BASE + "/v1/accounts/%s/devices/%s/sealed-secret" % (ACCOUNT, DEVICE_HEX), data=secrets.token_bytes(64),
                    headers={"Content-Type": "application/octet-stream"})
    assert r.status_code == 204, r.text


setup()


@schemathesis.hook
def map_path_parameters(ctx, path_parameters):
    if not path_parameters:
        return path_parameters
    # Mostly the real account, device and blob; sometimes the generated value, to probe the rest.
    if "account" in path_parameters and random.random() < 0.9:
        path_parameters["account"] = ACCOUNT
    if "device" in path_parameters and random.random() < 0.8:
        path_parameters["device"] = DEVICE_HEX
    if "name" in path_parameters and random.random() < 0.5:
        path_parameters["name"] = "scb"
    return path_parameters
