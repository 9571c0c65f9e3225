#!/usr/bin/env python3
"""Sends one vault request signed with a device key file, as a stolen box could (drill 4).

usage: sign_request.py DEVICE_KEY_FILE METHOD URL
Prints the HTTP status and the body. The canonical message is docs/vault-api.md, "Signed requests".
"""
import hashlib, os, sys, time, urllib.error, urllib.request
from urllib.parse import urlsplit
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization

key_file, method, url = sys.argv[1:4]
seed = open(key_file, "rb").read()
assert len(seed) == 32, "a device key file holds a 32-byte Ed25519 seed"
private = Ed25519PrivateKey.from_private_bytes(seed)
public = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()
parts = urlsplit(url)
freshness = "t=%d" % int(time.time())
nonce = os.urandom(16).hex()
message = "\n".join([
    "casa-vault-request/v1", method, parts.path, parts.query, hashlib.sha256(b"").hexdigest(), public, freshness, nonce,
]).encode()
request = urllib.request.Request(url, method=method, headers={
    "Casa-Key": public, "Casa-Freshness": freshness, "Casa-Nonce": nonce, "Casa-Signature": private.sign(message).hex(),
})
try:
    with urllib.request.urlopen(request, timeout=10) as response:
        print(response.status, response.read().decode(errors="replace"))
except urllib.error.HTTPError as error:
    print(error.code, error.read().decode(errors="replace"))
