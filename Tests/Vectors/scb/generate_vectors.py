#!/usr/bin/env python3
"""Generates the synthetic SCB vectors in this directory (everything except the two real lnd
backups, anchors-multi.vector and custom-channel-single.vector).

This is an encoder written independently of the Swift code, straight from the byte layout in
docs/scb-format.md / docs/lnd.md section 1. Encryption is XChaCha20-Poly1305 built from
HChaCha20 + the `cryptography` package's ChaCha20-Poly1305, with lnd's key for vector A (so
the 24 words of vector A open every generated vector) and fixed nonces (so output is stable).

Run: python3 Tests/Vectors/scb/generate_vectors.py   (needs: pip install cryptography)
"""
import base64, hashlib, json, os, struct
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

HERE = os.path.dirname(os.path.abspath(__file__))
KEY_A = bytes.fromhex("3511033a9808c4d75acbb2478b56cf7f4d20046f42499fe384ec17c62bce41b6")
REGTEST = bytes.fromhex("06226e46111a0b59caaf126043eb5bbf28c34f3a5e332a1fc7b2b73cf188910f")
MAINNET = bytes.fromhex("6fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000")
G = bytes.fromhex("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798")
# Valid compressed points: small multiples of G (2G, 3G, ... from the secp256k1 literature).
POINTS = [
    "02c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5",
    "02f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9",
    "02e493dbf1c10d80f3581e4904930b1404cc6c13900ee0758474fa94abe8c4cd13",
    "022f8bde4d1a07209355b4a7250a5c5128e88b84bddc619ab7cba8d569b240efe4",
    "03fff97bd5755eeea420453a14355235d382f6472f8568a18b2f057a1460297556",
    "025cbdf0646e5db4eaa398f365f2ea7a0e3d419b7e0330e39ce92bddedcac4f9bc",
]

def rotl(v, c): return ((v << c) & 0xffffffff) | (v >> (32 - c))
def quarter(s, a, b, c, d):
    s[a] = (s[a] + s[b]) & 0xffffffff; s[d] = rotl(s[d] ^ s[a], 16)
    s[c] = (s[c] + s[d]) & 0xffffffff; s[b] = rotl(s[b] ^ s[c], 12)
    s[a] = (s[a] + s[b]) & 0xffffffff; s[d] = rotl(s[d] ^ s[a], 8)
    s[c] = (s[c] + s[d]) & 0xffffffff; s[b] = rotl(s[b] ^ s[c], 7)
def hchacha20(key, n16):
    s = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574] + list(struct.unpack("<8I", key)) + list(struct.unpack("<4I", n16))
    for _ in range(10):
        quarter(s, 0, 4, 8, 12); quarter(s, 1, 5, 9, 13); quarter(s, 2, 6, 10, 14); quarter(s, 3, 7, 11, 15)
        quarter(s, 0, 5, 10, 15); quarter(s, 1, 6, 11, 12); quarter(s, 2, 7, 8, 13); quarter(s, 3, 4, 9, 14)
    return struct.pack("<8I", *(s[0:4] + s[12:16]))
def lnd_encrypt(plaintext, key, nonce):
    sub = hchacha20(key, nonce[:16])
    return nonce + ChaCha20Poly1305(sub).encrypt(b"\0" * 4 + nonce[16:], plaintext, nonce)

def u16(v): return struct.pack(">H", v)
def u32(v): return struct.pack(">I", v)
def u64(v): return struct.pack(">Q", v)
def varint(n):
    if n < 0xfd: return bytes([n])
    if n <= 0xffff: return b"\xfd" + struct.pack("<H", n)
    return b"\xfe" + struct.pack("<I", n)

def commit_tx(txid_internal, vout, sequence, outputs, locktime):
    out = struct.pack("<I", 2) + varint(1) + txid_internal + struct.pack("<I", vout) + varint(0) + struct.pack("<I", sequence)
    out += varint(len(outputs))
    for value, script in outputs:
        out += struct.pack("<q", value) + varint(len(script)) + script
    return out + struct.pack("<I", locktime)

def addr_ipv4(ip, port): return bytes([1]) + bytes(ip) + u16(port)
def addr_ipv6(ip, port): return bytes([2]) + bytes(ip) + u16(port)
def addr_tor2(svc, port): return bytes([3]) + svc + u16(port)
def addr_tor3(svc, port): return bytes([4]) + svc + u16(port)
def addr_dns(host, port): return bytes([5, len(host)]) + host.encode() + u16(port)

def single(version, close, *, initiator, chain, txid_display, vout, scid, remote, addrs, capacity,
           local_index, lease=None, shachain_pub=None, shachain_index=1):
    txid = bytes.fromhex(txid_display)[::-1]
    body = bytes([1 if initiator else 0]) + chain + txid + u16(vout)
    body += scid[0].to_bytes(3, "big") + scid[1].to_bytes(3, "big") + u16(scid[2])
    body += bytes.fromhex(remote)
    addr_block = b"".join(addrs)
    body += u16(len(addr_block)) + addr_block + u64(capacity)
    body += u16(144)
    for family in (0, 1, 3, 4, 2):
        body += u32(family) + u32(local_index)
    body += u16(720)
    for p in POINTS[:5]:
        body += bytes.fromhex(p)
    body += (bytes.fromhex(shachain_pub) if shachain_pub else bytes(33)) + u32(5) + u32(shachain_index)
    if version == 4:
        body += u32(lease)
    if close is not None:
        tx, sig, height, root = close
        body += tx + u16(len(sig)) + sig
        if version in (5, 6, 7):
            body += u64(height)
        if version == 6:
            body += root
    return bytes([version | (0x80 if close is not None else 0)]) + u16(len(body)) + body

def multi(singles): return b"\x00" + u32(len(singles)) + b"".join(singles)

def summary(version, close, initiator, txid_display, vout, scid, remote, hostports, capacity, lease):
    names = ["legacy", "static_remote_key", "anchors", "anchors_zero_fee_htlc", "script_enforced_lease",
             "simple_taproot", "simple_taproot_overlay", "simple_taproot_final"]
    return json.dumps({
        "channel_point": f"{txid_display}:{vout}", "capacity_sat": capacity, "version": version,
        "has_close_tx": close, "commitment": names[version], "remote_pubkey": remote,
        "short_channel_id": f"{scid[0]}x{scid[1]}x{scid[2]}", "addresses": hostports,
        "initiator": initiator, "lease_expiry": lease,
    }, sort_keys=True, separators=(",", ":"))

def write(name, headers, blob):
    lines = [f"{k}: {v}" for k, v in headers]
    with open(os.path.join(HERE, name), "w") as f:
        f.write("\n".join(lines) + "\n\n" + blob.hex() + "\n")

PROVENANCE = "generated by generate_vectors.py (independent Python encoder from docs/scb-format.md), key of vector A"
def nonce(label): return hashlib.sha256(label.encode()).digest()[:24]
def txid(label): return hashlib.sha256(label.encode()).digest()[::-1].hex()
def p2tr(label): return b"\x51\x20" + hashlib.sha256(label.encode()).digest()
def p2wsh(label): return b"\x00\x20" + hashlib.sha256(label.encode()).digest()
DER = bytes.fromhex("3045022100") + bytes(range(1, 33)) + bytes.fromhex("0220") + bytes(range(33, 65))
MUSIG = bytes(range(98))

def success(name, kind, channels, plaintext, extra_headers=()):
    headers = [("name", name), ("kind", kind), ("expect", "success"), ("provenance", PROVENANCE),
               ("key", KEY_A.hex()), ("plaintext length", len(plaintext)), ("channels", len(channels))]
    for i, (summ, close) in enumerate(channels):
        headers.append((f"summary {i}", summ))
        if close:
            headers.append((f"close {i}", close))
    write(f"{name}.vector", headers + list(extra_headers), lnd_encrypt(plaintext, KEY_A, nonce(name)))

# 1. Leased channel (v4) with CloseTxInputs: lease_expiry sits before the commit tx.
t = txid("lease")
tx = commit_tx(bytes.fromhex(t)[::-1], 1, 0x80aabbcc, [(330, p2wsh("a")), (2_000_000, p2wsh("b"))], 0x20112233)
s = single(4, (tx, DER, None, None), initiator=True, chain=REGTEST, txid_display=t, vout=1, scid=(501, 2, 1),
           remote=POINTS[5], addrs=[addr_ipv4([10, 0, 0, 2], 9735)], capacity=3_000_000, local_index=4, lease=1_234_567)
success("lease-v4-single", "single", [(summary(4, True, True, t, 1, (501, 2, 1), POINTS[5], ["10.0.0.2:9735"], 3_000_000, 1_234_567),
                                        f"tx_len={len(tx)} sig_len={len(DER)} outputs=330,2000000 locktime={0x20112233}")], s)

# 2. Taproot Multi: a v5 (staging) and a v7 (final) channel, both with commit heights.
t5, t7 = txid("taproot5"), txid("taproot7")
tx5 = commit_tx(bytes.fromhex(t5)[::-1], 0, 0x80000001, [(330, p2tr("c")), (49_000, p2tr("d"))], 0x20000005)
tx7 = commit_tx(bytes.fromhex(t7)[::-1], 2, 0x80000002, [(330, p2tr("e")), (330, p2tr("f")), (1_500_000, p2tr("g"))], 0x20000007)
s5 = single(5, (tx5, MUSIG, 42, None), initiator=False, chain=REGTEST, txid_display=t5, vout=0, scid=(610, 1, 0),
            remote=POINTS[1], addrs=[addr_ipv4([127, 0, 0, 1], 9735)], capacity=50_000, local_index=5)
s7 = single(7, (tx7, MUSIG, 2**40 + 3, None), initiator=True, chain=REGTEST, txid_display=t7, vout=2, scid=(611, 7, 2),
            remote=POINTS[2], addrs=[], capacity=1_501_000, local_index=6)
success("taproot-v5-v7-multi", "multi", [
    (summary(5, True, False, t5, 0, (610, 1, 0), POINTS[1], ["127.0.0.1:9735"], 50_000, None),
     f"tx_len={len(tx5)} sig_len=98 outputs=330,49000 locktime={0x20000005} commit_height=42"),
    (summary(7, True, True, t7, 2, (611, 7, 2), POINTS[2], [], 1_501_000, None),
     f"tx_len={len(tx7)} sig_len=98 outputs=330,330,1500000 locktime={0x20000007} commit_height={2**40 + 3}"),
], multi([s5, s7]))

# 3. Overlay (v6) without close inputs: no tapscript root is written then.
t6 = txid("overlay")
s6 = single(6, None, initiator=True, chain=REGTEST, txid_display=t6, vout=0, scid=(700, 3, 0), remote=POINTS[3],
            addrs=[addr_ipv4([192, 168, 1, 5], 10009)], capacity=250_000, local_index=7)
success("overlay-v6-no-close-single", "single", [(summary(6, False, True, t6, 0, (700, 3, 0), POINTS[3], ["192.168.1.5:10009"], 250_000, None), None)], s6)

# 4. Legacy (v0) with a legacy shachain pubkey and every address type (mainnet).
t0 = txid("legacy")
tor3 = bytes(range(35))
addrs = [bytes([0]), addr_ipv6([0] * 15 + [1], 9735), addr_tor3(tor3, 9736), addr_dns("node.example.org", 9737),
         addr_tor2(b"foobarfoob", 9738), addr_ipv6([0] * 10 + [0xff, 0xff, 1, 2, 3, 4], 9739), bytes([9, 1, 2, 3])]
s0 = single(0, None, initiator=False, chain=MAINNET, txid_display=t0, vout=3, scid=(500_000, 1_000, 3), remote=POINTS[4],
            addrs=addrs, capacity=16_777_215, local_index=0, shachain_pub=G.hex(), shachain_index=0)
hostports = ["[::1]:9735", base64.b32encode(tor3).decode().lower() + ".onion:9736", "node.example.org:9737",
             "mzxw6ytbojtg633c.onion:9738", "1.2.3.4:9739"]
success("legacy-v0-addresses-single", "single",
        [(summary(0, False, False, t0, 3, (500_000, 1_000, 3), POINTS[4], hostports, 16_777_215, None), None)], s0,
        [("network", "mainnet"), ("shachain pubkey", G.hex()), ("address types", "0,2,4,5,3,2,9")])

# 5. Unconfirmed zero-conf (v3): SCID is (broadcast height, 0, 0).
tz = txid("zeroconf")
sz = single(3, None, initiator=True, chain=REGTEST, txid_display=tz, vout=0, scid=(812, 0, 0), remote=POINTS[0],
            addrs=[addr_ipv4([172, 17, 0, 3], 9735)], capacity=20_000, local_index=9)
success("zero-conf-v3-single", "single", [(summary(3, False, True, tz, 0, (812, 0, 0), POINTS[0], ["172.17.0.3:9735"], 20_000, None), None)], sz)

# Errors: each is encrypted correctly, so decryption succeeds and decoding must fail.
base = multi([sz])
def failure(name, expect, plaintext, comment):
    write(f"{name}.vector", [("name", name), ("expect", expect), ("provenance", PROVENANCE), ("key", KEY_A.hex()),
                             ("comment", comment)], lnd_encrypt(plaintext, KEY_A, nonce(name)))
failure("error-unknown-multi-version", "unknown multi-version", b"\x01" + base[1:], "multi version byte 1")
failure("error-unknown-single-version", "unknown single version", base[:5] + b"\x08" + base[6:], "single version byte 0x08")
failure("error-unknown-single-version-flagged", "unknown single version", base[:5] + b"\x89" + base[6:], "single version byte 0x89: version 9 with the close-tx flag")
failure("error-trailing-bytes", "trailing bytes", base + b"\x00", "one zero byte after the last single")
bl = int.from_bytes(base[6:8], "big")
failure("error-body-length", "body length mismatch", base[:6] + u16(bl + 1) + base[8:], "body_len one larger than the fields")
failure("error-truncated", "truncated", base[:-6], "multi cut inside the shachain key locator")
failure("error-impossible-count", "impossible count", base[:1] + u32(1000) + base[5:], "count 1000 with bytes for one")
write("error-payload-too-small.vector", [("name", "error-payload-too-small"), ("expect", "payload too small"),
      ("provenance", PROVENANCE), ("key", KEY_A.hex()), ("comment", "23 bytes, shorter than the nonce")], bytes(range(23)))
# Vector B's real blob under vector A's key: the tag cannot verify.
with open(os.path.join(HERE, "custom-channel-single.vector")) as f:
    blob_b = bytes.fromhex(f.read().split("\n\n", 1)[1].strip())
write("error-wrong-seed.vector", [("name", "error-wrong-seed"), ("expect", "authentication failure"),
      ("provenance", "vector B's real lnd blob, opened with vector A's key"), ("key", KEY_A.hex()),
      ("comment", "another node's backup")], blob_b)
