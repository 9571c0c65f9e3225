#!/usr/bin/env python3
"""Independent generator for Tests/Vectors/keys/ and Tests/Vectors/envelope/.
(The unlock seal vectors, docs/design.md §6.1, are in keys/unlock-*.txt.)

It shares no code with the Swift implementation: BIP32 and ECDH come from coincurve,
crypto_kdf is hashlib.blake2b with salt/personalisation, XChaCha20-Poly1305 is a hand-written
HChaCha20 in front of `cryptography`'s ChaCha20-Poly1305, Ed25519 is `cryptography`.
Specs: docs/design.md §4 (keys) and docs/envelope.md (envelope).

Usage: python3 Tests/Vectors/tools/make_vectors.py   (pip install coincurve cryptography)
"""
import hashlib, hmac, os, struct
import coincurve
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

MNEMONIC_A = ("abstract noble exhaust silk pill game train lab lawsuit tunnel adult spin goddess "
              "elegant island ridge kidney sunset door train method install misery oyster")
HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = os.path.join(HERE, "..", "keys")
ENV = os.path.join(HERE, "..", "envelope")

# ---------------------------------------------------------------- secp256k1, BIP32
P_FIELD = 2**256 - 2**32 - 977
N_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141

def is_x(x):
    xi = int.from_bytes(x, "big")
    if xi >= P_FIELD:
        return False
    y2 = (pow(xi, 3, P_FIELD) + 7) % P_FIELD
    y = pow(y2, (P_FIELD + 1) // 4, P_FIELD)
    return y * y % P_FIELD == y2

def nums(label):
    x = hashlib.sha256(label.encode()).digest()
    while not is_x(x):
        x = hashlib.sha256(x).digest()
    return b"\x02" + x

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

def xprv_decode(s):
    n = 0
    for c in s:
        n = n * 58 + B58.index(c)
    raw = n.to_bytes(82, "big")
    data, check = raw[:-4], raw[-4:]
    assert hashlib.sha256(hashlib.sha256(data).digest()).digest()[:4] == check
    return data[46:78], data[13:45]  # key, chain code

def ckd_priv(k, c, i):
    if i >= 2**31:
        d = b"\x00" + k + i.to_bytes(4, "big")
    else:
        d = coincurve.PrivateKey(k).public_key.format() + i.to_bytes(4, "big")
    I = hmac.new(c, d, hashlib.sha512).digest()
    return ((int.from_bytes(I[:32], "big") + int.from_bytes(k, "big")) % N_ORDER).to_bytes(32, "big"), I[32:]

def derive(xprv, path):
    k, c = xprv_decode(xprv)
    for i in path:
        k, c = ckd_priv(k, c, i)
    return k

# ---------------------------------------------------------------- libsodium equivalents
def crypto_kdf(master, ctx, sub_id, n=32):
    return hashlib.blake2b(b"", digest_size=n, key=master,
                           salt=struct.pack("<Q", sub_id) + b"\x00" * 8,
                           person=ctx.encode() + b"\x00" * 8).digest()

def ed25519_public(seed):
    return Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes_raw()

def rotl(v, c):
    return ((v << c) & 0xffffffff) | (v >> (32 - c))

def hchacha20(key, nonce16):
    s = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]
    s += list(struct.unpack("<8I", key)) + list(struct.unpack("<4I", nonce16))
    def qr(a, b, c, d):
        s[a] = (s[a] + s[b]) & 0xffffffff; s[d] = rotl(s[d] ^ s[a], 16)
        s[c] = (s[c] + s[d]) & 0xffffffff; s[b] = rotl(s[b] ^ s[c], 12)
        s[a] = (s[a] + s[b]) & 0xffffffff; s[d] = rotl(s[d] ^ s[a], 8)
        s[c] = (s[c] + s[d]) & 0xffffffff; s[b] = rotl(s[b] ^ s[c], 7)
    for _ in range(10):
        qr(0, 4, 8, 12); qr(1, 5, 9, 13); qr(2, 6, 10, 14); qr(3, 7, 11, 15)
        qr(0, 5, 10, 15); qr(1, 6, 11, 12); qr(2, 7, 8, 13); qr(3, 4, 9, 14)
    return struct.pack("<8I", *(s[0:4] + s[12:16]))

def xchacha_seal(key, nonce, pt, ad):
    return ChaCha20Poly1305(hchacha20(key, nonce[:16])).encrypt(b"\x00" * 4 + nonce[16:], pt, ad)

# Self-check against draft-irtf-cfrg-xchacha-03 §2.2.1 (HChaCha20 test vector).
assert hchacha20(bytes(range(32)), bytes.fromhex("000000090000004a0000000031415927")).hex() == \
    "82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc"

# ---------------------------------------------------------------- our keys (design.md §4)
def owner_from_entropy(entropy):
    seed = hashlib.blake2b(b"casa-backup/owner/v1", key=entropy, digest_size=32).digest()
    pub = ed25519_public(seed)
    account = hashlib.sha256(b"casa-vault/account/v1" + pub).digest()
    return seed, pub, account

def subkeys(root):
    aead = crypto_kdf(root, "envelope", 1)
    mac = crypto_kdf(root, "envelope", 2)
    name = crypto_kdf(root, "blobname", 1)
    live = crypto_kdf(root, "liveness", 1)
    tag = crypto_kdf(root, "localtag", 1)
    key_id = hashlib.blake2b(b"casa-envelope/key-id", key=mac, digest_size=16).digest()[:8]
    return dict(aead=aead, mac=mac, name=name, live=live, tag=tag, key_id=key_id, live_pub=ed25519_public(live))

def local_tag(tag_key, channel_set_digest):
    return hashlib.blake2b(b"casa-backup/local-tag/v1\x00" + channel_set_digest, key=tag_key, digest_size=32).digest()

def blob_id(name_key, logical):
    return hashlib.blake2b(b"casa-backup/blob-name/v1\x00" + logical.encode(), key=name_key, digest_size=32).digest()

def binding(mac, account, blob):
    return hashlib.blake2b(b"casa-envelope/binding" + account + blob, key=mac, digest_size=16).digest()

# ---------------------------------------------------------------- envelope (envelope.md)
def bucket(payload_len, version=1):
    record_header = 29 if version >= 2 else 13
    for k in range(12, 25):
        if payload_len + 80 + record_header <= 1 << k:
            return 1 << k
    raise ValueError("too large")

def record(kind, created, payload, total, length=None, pad_byte=None, lineage=None):
    """lineage: None (version 1 record) or (writer, parent) 8-byte strings (version 2)."""
    n = total - 80
    body = bytes([kind]) + struct.pack(">Q", created)
    if lineage is not None:
        body += lineage[0] + lineage[1]
    body += struct.pack(">I", len(payload) if length is None else length) + payload
    pad = bytearray(n - len(body))
    if pad_byte is not None:
        pad[-1] = pad_byte
    return body + bytes(pad)

def seal(root, account, blob, counter, nonce, kind, created, payload, version=None, reserved=b"\x00\x00\x00", **rec):
    k = subkeys(root)
    if version is None:
        version = 1 if rec.get("lineage") is None else 2
    total = bucket(len(payload), 2 if rec.get("lineage") is not None else 1)
    header = b"CASA" + bytes([version]) + reserved + k["key_id"] + struct.pack(">Q", counter) + \
        binding(k["mac"], account, blob) + nonce
    assert len(header) == 64
    pt = record(kind, created, payload, total, **rec)
    out = header + xchacha_seal(k["aead"], nonce, pt, header + account + blob)
    assert len(out) == total
    return out

# ---------------------------------------------------------------- unlock seal (design.md §6.1)
def unlock_seal(local, vault, nonce, password, length=None, version=1, pad_byte=None):
    key = hashlib.blake2b(b"casa-backup/unlock/v1", key=local + vault, digest_size=32).digest()
    header = b"CASU" + bytes([version]) + b"\x00\x00\x00" + local + nonce
    body = struct.pack(">H", len(password) if length is None else length) + password
    rec = bytearray(body + bytes((-len(body)) % 64))
    if pad_byte is not None:
        rec[-1] = pad_byte
    return header + xchacha_seal(key, nonce, bytes(rec), header)

def write_unlock_vectors():
    for old in os.listdir(KEYS):
        if old.startswith("unlock-"):
            os.remove(os.path.join(KEYS, old))
    local = bytes(range(0x10, 0x30))
    vault = bytes(range(0xa0, 0xc0))
    nonce = bytes(range(0x60, 0x78))
    pw = b"correct horse battery staple"
    def write(name, expect, comment, body, share=vault, password=None):
        fields = [("expect", expect), ("vault share", share.hex()), ("comment", comment)]
        if password is not None:
            fields.append(("password", password.hex()))
        write_vector(os.path.join(KEYS, f"unlock-{name}.txt"), fields, body)
    good = unlock_seal(local, vault, nonce, pw)
    write("success", "success", "a 28-byte wallet password: one 64-byte record block", good, password=pw)
    long_pw = bytes(range(0x21, 0x21 + 63))
    write("success-two-blocks", "success", "a 63-byte password needs two record blocks", unlock_seal(local, vault, nonce, long_pw), password=long_pw)
    write("wrong-vault-share", "wrong vault share", "the vault released another share", good, share=bytes([0xee]) * 32)
    flipped = bytearray(good); flipped[70] ^= 1
    write("modified", "wrong vault share", "one ciphertext bit flipped", bytes(flipped))
    write("bad-magic", "bad magic", "an envelope is not an unlock seal", b"CASA" + good[4:])
    write("truncated", "truncated", "the last byte is missing", good[:-1])
    write("unknown-version", "unknown version", "version 2", unlock_seal(local, vault, nonce, pw, version=2))
    write("bad-record", "bad record", "authentic, but the length field is 0", unlock_seal(local, vault, nonce, pw, length=0))
    write("bad-record-padding", "bad record", "authentic, but the last padding byte is 1", unlock_seal(local, vault, nonce, pw, pad_byte=1))

def write_kv(path, fields):
    with open(path, "w") as f:
        for key, value in fields:
            f.write(f"{key}: {value}\n")

def write_vector(path, fields, body):
    """`key: value` lines, a blank line, then the body as hex, 64 characters a line."""
    with open(path, "w") as f:
        for key, value in fields:
            f.write(f"{key}: {value}\n")
        f.write("\n")
        h = body.hex()
        for i in range(0, len(h), 64):
            f.write(h[i:i + 64] + "\n")

def write_envelope(name, fields, blob_bytes):
    write_vector(os.path.join(ENV, name + ".txt"), fields, blob_bytes)

def main():
    os.makedirs(KEYS, exist_ok=True)
    os.makedirs(ENV, exist_ok=True)
    for old in os.listdir(ENV):
        if old.endswith(".txt"):
            os.remove(os.path.join(ENV, old))

    # Vector A (docs/lnd.md §6.1, regtest; its aezeed decodes to the entropy below).
    tprv = "tprv8ZgxMBicQKsPfQdATbJ64t5dVoMdKvtgm8PXdpqMk4b4bEWTvBiZqnnBMrodAVb8QnNhen1uPpRYQRRqdf26nigo32PWs54MTobsTHcRkBF"
    H = 2**31
    node_priv = derive(tprv, [1017 + H, 1 + H, 6 + H, 0, 0])
    point = nums("casa-backup/root/v1")
    assert point.hex() == "02891574b20654c2c3492d1f2e4d2d885ed41f9ac36a80616fecaa2239043417b0"
    root = hashlib.sha256(coincurve.PublicKey(point).multiply(node_priv).format()).digest()
    assert root.hex() == "a63ce9a34466033adc32afe359a9b35235f38ff2d05f2db068b4cb2885a4bd60"
    entropy = bytes.fromhex("95258d560769b4d595767b86cf466531")
    o_seed, o_pub, account = owner_from_entropy(entropy)

    write_kv(os.path.join(KEYS, "domain-point-root.txt"), [
        ("comment", "NUMS point of docs/design.md §4.1; docs/lnd.md §3.4 gives the same value"),
        ("label", "casa-backup/root/v1"),
        ("point", point.hex()),
    ])
    write_kv(os.path.join(KEYS, "backup-root-vector-a.txt"), [
        ("comment", "vector A (docs/lnd.md §6.1, regtest): node key m/1017'/1'/6'/0/0 from the tprv, root = SHA256(compressed(k6*P)); root matches docs/lnd.md §3.4"),
        ("mnemonic", MNEMONIC_A),
        ("aezeed passphrase", "El Psy Kongroo"),
        ("tprv", tprv),
        ("node private key", node_priv.hex()),
        ("node public key", coincurve.PrivateKey(node_priv).public_key.format().hex()),
        ("point", point.hex()),
        ("root", root.hex()),
    ])
    for label, r in [("vector-a", root), ("counting", bytes(range(32)))]:
        k = subkeys(r)
        write_kv(os.path.join(KEYS, f"subkeys-{label}.txt"), [
            ("comment", "docs/design.md §4.3-4.5, 4.10 from the backup root; blob id of the logical name scb/multi; local tag of a channel-set digest"),
            ("root", r.hex()),
            ("envelope aead key", k["aead"].hex()),
            ("envelope mac key", k["mac"].hex()),
            ("envelope key id", k["key_id"].hex()),
            ("blob name key", k["name"].hex()),
            ("blob id scb/multi", blob_id(k["name"], "scb/multi").hex()),
            ("liveness seed", k["live"].hex()),
            ("liveness public key", k["live_pub"].hex()),
            ("local tag key", k["tag"].hex()),
            ("local tag of digest 00..1f", local_tag(k["tag"], bytes(range(32))).hex()),
        ])
    write_kv(os.path.join(KEYS, "owner-vector-a.txt"), [
        ("comment", "docs/design.md §4.6: owner key from vector A's aezeed entropy (docs/lnd.md §6.1), account id"),
        ("mnemonic", MNEMONIC_A),
        ("aezeed passphrase", "El Psy Kongroo"),
        ("entropy", entropy.hex()),
        ("owner seed", o_seed.hex()),
        ("owner public key", o_pub.hex()),
        ("account id", account.hex()),
    ])

    # ------------------------------------------------------------ envelope cases
    k = subkeys(root)
    blob = blob_id(k["name"], "scb/multi")
    other_blob = blob_id(k["name"], "scb/other")
    other_account = hashlib.sha256(b"casa-vault/account/v1" + bytes(32)).digest()
    lnd_multi = bytes.fromhex(open(os.path.join(HERE, "vector-a-channel-backup.hex")).read().split()[0])
    nonce = bytes(range(0x40, 0x40 + 24))
    created = 1764000000

    def base(expect, comment, reader_account=account, reader_blob=blob):
        return [("expect", expect), ("root", root.hex()), ("account", reader_account.hex()),
                ("blob", reader_blob.hex()), ("comment", comment)]

    def success(name, comment, counter, kind, payload, n=nonce, lineage=None):
        env = seal(root, account, blob, counter, n, kind, created, payload, lineage=lineage)
        fields = [("counter", str(counter)), ("kind", str(kind)), ("created at", str(created)), ("payload", payload.hex())]
        if lineage is not None:
            fields += [("version", "2"), ("writer", lineage[0].hex()), ("parent", lineage[1].hex())]
        write_envelope(name, base("success", comment) + fields, env)
        return env

    good = success("success-lnd-multi", "vector A's lnd-encrypted channel.backup (718 B) as kind 1, counter 7: a 4 KiB envelope", 7, 1, lnd_multi)
    success("success-empty", "empty payload, kind 2, counter 0: smallest envelope", 0, 2, b"")
    success("success-bucket-edge", "4003-byte payload: the largest that fits 4096 bytes", 1, 3, bytes([0xa5]) * 4003)
    success("success-next-bucket", "4004-byte payload: one byte more moves to 8192 bytes", 2, 3, bytes([0x5a]) * 4004)
    success("success-max-counter", "counter 2^64-1 and an unknown kind 200 are returned as they are", 2**64 - 1, 200, b"future")

    def case(name, expect, comment, env, **kw):
        write_envelope(name, base(expect, comment, **kw), env)

    case("bad-magic-lnd-backup", "bad magic", "lnd's own channel.backup (vector A) is not our envelope", lnd_multi)
    case("bad-magic-empty", "bad magic", "zero bytes", b"")
    case("truncated-header", "truncated", "the first 40 bytes of a good envelope", good[:40])
    case("truncated-body", "truncated", "a good envelope without its last byte", good[:-1])
    case("extended", "truncated", "a good envelope with one byte appended", good + b"\x00")
    case("unknown-version", "unknown version", "version byte 3",
         seal(root, account, blob, 7, nonce, 1, created, lnd_multi, version=3))
    writer = bytes.fromhex("a1a2a3a4a5a6a7a8")
    parent = bytes.fromhex("b1b2b3b4b5b6b7b8")
    success("success-v2-lineage", "version 2: vector A's channel.backup, counter 9, written by a1..a8 continuing b1..b8's history",
            9, 1, lnd_multi, lineage=(writer, parent))
    success("success-v2-no-parent", "version 2: a writer that found no history (parent all zero)",
            1, 1, lnd_multi, lineage=(writer, bytes(8)))
    success("success-v2-bucket-edge", "version 2: 3987-byte payload, the largest that fits 4096 bytes (29-byte record header)",
            3, 3, bytes([0xa5]) * 3987, lineage=(writer, parent))
    case("bad-record-v2-zero-writer", "bad record", "version 2, authentic, but the writer is all zero",
         seal(root, account, blob, 9, nonce, 1, created, lnd_multi, lineage=(bytes(8), parent)))
    case("bad-header-reserved", "bad header", "a reserved header byte is 1",
         seal(root, account, blob, 7, nonce, 1, created, lnd_multi, reserved=b"\x00\x01\x00"))
    case("wrong-key", "wrong key", "sealed under another root (32 bytes of 0x42), opened with vector A's",
         seal(bytes([0x42]) * 32, account, blob, 7, nonce, 1, created, lnd_multi))
    case("wrong-binding-name", "wrong binding", "sealed for scb/multi, the reader expects the blob id of scb/other",
         good, reader_blob=other_blob)
    case("wrong-binding-account", "wrong binding", "sealed for vector A's account, the reader expects another account",
         good, reader_account=other_account)
    flipped = bytearray(good); flipped[100] ^= 0x01
    case("auth-failure-ciphertext", "authentication failure", "one bit flipped in the ciphertext", bytes(flipped))
    bumped = bytearray(good); bumped[23] = 8
    case("auth-failure-counter", "authentication failure", "counter 7 edited to 8 in the header: an old snapshot dressed as new", bytes(bumped))
    tag = bytearray(good); tag[-1] ^= 0x80
    case("auth-failure-tag", "authentication failure", "one bit flipped in the tag", bytes(tag))
    case("bad-padding", "bad padding", "authentic, but the last padding byte is 1",
         seal(root, account, blob, 7, nonce, 1, created, lnd_multi, pad_byte=1))
    case("bad-record-length", "bad record", "authentic, but the record length is 5000 in a 4 KiB envelope",
         seal(root, account, blob, 7, nonce, 1, created, lnd_multi, length=5000))
    case("bad-record-kind", "bad record", "authentic, but payload kind 0",
         seal(root, account, blob, 7, nonce, 0, created, lnd_multi))
    write_envelope("rollback", base("rollback", "a good envelope with counter 7, the reader has already seen counter 8") +
                   [("min counter", "8")], good)
    write_envelope("success-same-counter", base("success", "the reader has already seen counter 7: the same snapshot again is fine") +
                   [("min counter", "7"), ("counter", "7"), ("kind", "1"), ("created at", str(created)), ("payload", lnd_multi.hex())], good)

if __name__ == "__main__":
    main()
    write_unlock_vectors()
