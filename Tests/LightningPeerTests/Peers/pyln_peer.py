#!/usr/bin/env python3
"""A real BOLT 8 peer built on pyln-proto (Core Lightning's Python library), for interop tests.

listen: accept N connections as the responder, exchange init, answer pings, record every
        message, react to channel_reestablish / error as told; print JSON lines:
        first {"event":"listening","port":P,"node_id":HEX}, at the end {"event":"done","connections":[...]}.
dial:   connect to us as the initiator (optionally through SOCKS5), exchange init, ping, send a
        channel_reestablish and an error, print {"event":"done",...} with what came back.

Every wait is bounded (socket timeouts), so a broken peer under test cannot hang the test.
"""
import argparse
import json
import socket
import struct
import sys

from pyln.proto.wire import LightningServerSocket, PrivateKey, PublicKey, connect

INIT, ERROR, WARNING, PING, PONG, REESTABLISH = 16, 17, 1, 18, 19, 136


def emit(obj):
    print(json.dumps(obj), flush=True)


def init_message(features_hex):
    features = bytes.fromhex(features_hex)
    return struct.pack(">HH", INIT, 0) + struct.pack(">H", len(features)) + features


def reply(conn, how, channel_id, text):
    data = text.encode()
    if how == "error":
        conn.send_message(struct.pack(">H", ERROR) + channel_id + struct.pack(">H", len(data)) + data)
    elif how == "warning":
        conn.send_message(struct.pack(">H", WARNING) + channel_id + struct.pack(">H", len(data)) + data)
    return how != "close"


def no_delay(conn):
    # pyln writes header and body separately; without this, Nagle plus delayed ACKs add ~40 ms per message.
    conn.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def serve_one(conn, args):
    no_delay(conn)
    record = {"peer_id": conn.remote_pubkey.serializeCompressed().hex(), "messages": [], "end": None}
    try:
        first = conn.read_message()
        record["messages"].append({"type": struct.unpack(">H", first[:2])[0], "payload": first[2:].hex()})
        if first[:2] != struct.pack(">H", INIT):
            record["end"] = "first message was not init"
            return record
        conn.send_message(init_message(args.features))
        while True:
            m = conn.read_message()
            t = struct.unpack(">H", m[:2])[0]
            record["messages"].append({"type": t, "payload": m[2:].hex()})
            if t == PING:
                n = struct.unpack(">H", m[2:4])[0]
                if n < 65532:
                    conn.send_message(struct.pack(">HH", PONG, n) + bytes(n))
            elif t == REESTABLISH:
                if not reply(conn, args.on_reestablish, m[2:34], args.reestablish_text):
                    record["end"] = "we closed"
                    return record
            elif t == ERROR:
                if not reply(conn, args.on_error, m[2:34], args.error_text):
                    record["end"] = "we closed"
                    return record
    except socket.timeout:
        record["end"] = "timeout"
    except (ValueError, ConnectionError, OSError) as e:
        record["end"] = "closed: " + str(e)
    finally:
        try:
            conn.connection.close()
        except OSError:
            pass
    return record


def listen(args):
    socket.setdefaulttimeout(args.timeout)
    key = PrivateKey(bytes.fromhex(args.key))
    srv = LightningServerSocket(key)
    srv.bind(("127.0.0.1", 0))
    srv.listen()
    emit({"event": "listening", "port": srv.getsockname()[1], "node_id": key.public_key().serializeCompressed().hex()})
    connections = []
    for _ in range(args.connections):
        try:
            conn, _ = srv.accept()
        except socket.timeout:
            connections.append({"end": "no connection"})
            break
        except (ValueError, OSError) as e:
            connections.append({"end": "handshake failed: " + str(e)})
            continue
        connections.append(serve_one(conn, args))
    srv.close()
    emit({"event": "done", "connections": connections})


def dial(args):
    socket.setdefaulttimeout(args.timeout)
    key = PrivateKey(bytes.fromhex(args.key))
    socks_addr = None
    if args.socks:
        host, port = args.socks.rsplit(":", 1)
        socks_addr = (host, int(port))
    conn = connect(key, PublicKey(bytes.fromhex(args.node_id)), args.host, args.port, socks_addr=socks_addr)
    no_delay(conn)
    got = []
    conn.send_message(init_message(args.features))
    m = conn.read_message()
    got.append({"type": struct.unpack(">H", m[:2])[0], "payload": m[2:].hex()})
    conn.send_message(struct.pack(">HHH", PING, 5, 3) + b"\x01\x02\x03")
    m = conn.read_message()
    got.append({"type": struct.unpack(">H", m[:2])[0], "payload": m[2:].hex()})
    cid = bytes.fromhex(args.channel_id)
    g = bytes.fromhex("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798")
    conn.send_message(struct.pack(">H", REESTABLISH) + cid + bytes(16) + bytes(32) + g)
    conn.send_message(struct.pack(">H", ERROR) + cid + struct.pack(">H", 0))
    end = None
    try:
        for _ in range(args.replies):
            m = conn.read_message()
            got.append({"type": struct.unpack(">H", m[:2])[0], "payload": m[2:].hex()})
    except socket.timeout:
        end = "timeout"
    except (ValueError, ConnectionError, OSError) as e:
        end = "closed: " + str(e)
    conn.connection.close()
    emit({"event": "done", "node_id": key.public_key().serializeCompressed().hex(), "messages": got, "end": end})


def main():
    p = argparse.ArgumentParser(description=__doc__)
    sub = p.add_subparsers(dest="mode", required=True)
    lp = sub.add_parser("listen")
    lp.add_argument("--key", required=True, help="32-byte node private key, hex")
    lp.add_argument("--connections", type=int, default=1)
    lp.add_argument("--features", default="20000002a202", help="feature bits, hex")
    lp.add_argument("--on-reestablish", choices=["ignore", "error", "warning", "close"], default="ignore")
    lp.add_argument("--reestablish-text", default="sync error")
    lp.add_argument("--on-error", choices=["ignore", "error", "warning", "close"], default="ignore")
    lp.add_argument("--error-text", default="")
    lp.add_argument("--timeout", type=float, default=20)
    dp = sub.add_parser("dial")
    dp.add_argument("--key", required=True)
    dp.add_argument("--node-id", required=True)
    dp.add_argument("--host", default="127.0.0.1")
    dp.add_argument("--port", type=int, required=True)
    dp.add_argument("--socks", default=None, help="host:port of a SOCKS5 proxy")
    dp.add_argument("--channel-id", required=True)
    dp.add_argument("--features", default="20000002a202")
    dp.add_argument("--replies", type=int, default=2)
    dp.add_argument("--timeout", type=float, default=20)
    args = p.parse_args()
    if args.mode == "listen":
        listen(args)
    else:
        dial(args)


if __name__ == "__main__":
    sys.exit(main())
