"""Enrolls benchmark accounts on a live vault and pre-signs PUT requests for wrk (upload.lua).

Each request uploads version 1 of a unique blob name, 4096 bytes whose first 8 are the request
index (the Lua script rebuilds the same body), signed by the device key of account i % accounts.
Signatures use t=<now>, valid for the server's skew window (300 s by default): run wrk right away.

    python3 presign.py URL COUNT ACCOUNTS OUT.lua
"""
import hashlib
import json
import secrets
import sys
import time
import urllib.request

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

PAD = b"x" * 4088
CHUNK = 5000


def body(i):
    return b"%08d" % i + PAD


def public(key):
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def sign(key, method, path, body_bytes, freshness):
    nonce = secrets.token_hex(16)
    key_hex = public(key).hex()
    message = "\n".join(["casa-vault-request/v1", method, path, "", hashlib.sha256(body_bytes).hexdigest(),
                         key_hex, freshness, nonce]).encode()
    return key_hex, nonce, key.sign(message).hex()


def main():
    url, count, accounts, out = sys.argv[1].rstrip("/"), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    freshness = "t=%d" % int(time.time())
    devices, ids = [], []
    for _ in range(accounts):
        owner, liveness, device = (Ed25519PrivateKey.generate() for _ in range(3))
        account = hashlib.sha256(b"casa-vault/account/v1" + public(owner)).hexdigest()
        payload = json.dumps({"livenessKey": public(liveness).hex(),
                              "device": {"key": public(device).hex(), "label": "bench"}}).encode()
        path = "/v1/accounts/" + account
        key_hex, nonce, sig = sign(owner, "PUT", path, payload, freshness)
        request = urllib.request.Request(url + path, data=payload, method="PUT", headers={
            "Content-Type": "application/json", "Casa-Key": key_hex, "Casa-Freshness": freshness,
            "Casa-Nonce": nonce, "Casa-Signature": sig})
        with urllib.request.urlopen(request) as response:
            assert response.status == 201, response.status
        devices.append(device)
        ids.append(account)
    with open(out, "w") as f:
        # LuaJIT allows 65536 constants per function: one function per chunk of requests.
        f.write("reqs = {}\n")
        for i in range(count):
            if i % CHUNK == 0:
                f.write(";(function() local chunk = {\n")
            a = i % accounts
            path = "/v1/accounts/%s/blobs/b%08d/versions/1" % (ids[a], i)
            b = body(i)
            key_hex, nonce, sig = sign(devices[a], "PUT", path, b, freshness)
            f.write('{"%s","%s","%s","%s","%s",%d},\n' % (path, key_hex, nonce, sig, hashlib.sha256(b).hexdigest(), i))
            if i % CHUNK == CHUNK - 1 or i == count - 1:
                f.write("} for _, r in ipairs(chunk) do reqs[#reqs + 1] = r end end)()\n")
        f.write("freshness = \"%s\"\n" % freshness)
    # The accounts created, one per line: the script deletes them from a shared PostgreSQL after.
    with open(out + ".accounts", "w") as f:
        f.write("".join(a + "\n" for a in ids))


if __name__ == "__main__":
    main()
