#!/usr/bin/env python3
"""A TLS terminator for tests (test tool only): casa-vault speaks plain http and production puts
Caddy or nginx in front of it; this plays that part. Listens on 127.0.0.1 with the given
certificate, forwards each connection's bytes to --upstream, prints "PORT <n>" once listening.

--allow-from IP drops connections from any other source address: the SOCKS tests bind the
proxy's outgoing side to that address, so a client that bypassed the proxy is refused."""
import argparse, socket, ssl, sys, threading


def pump(source, destination):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            destination.sendall(data)
    except (OSError, ssl.SSLError):
        pass
    finally:
        for s in (source, destination):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve_one(raw, context, upstream):
    try:
        client = context.wrap_socket(raw, server_side=True)
    except (OSError, ssl.SSLError):
        raw.close()  # a client that refused our certificate (the wrong-pin and system-trust tests)
        return
    try:
        backend = socket.create_connection(upstream)
    except OSError:
        client.close()
        return
    threading.Thread(target=pump, args=(backend, client), daemon=True).start()
    pump(client, backend)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--upstream", required=True, help="host:port of the plain http server")
    parser.add_argument("--allow-from", help="accept connections from this source address only")
    args = parser.parse_args()
    host, port = args.upstream.rsplit(":", 1)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    print("PORT %d" % listener.getsockname()[1], flush=True)
    while True:
        raw, (source, _) = listener.accept()
        if args.allow_from and source != args.allow_from:
            print("REFUSED %s" % source, flush=True)
            raw.close()
            continue
        raw.settimeout(None)
        threading.Thread(target=serve_one, args=(raw, context, (host, int(port))), daemon=True).start()


if __name__ == "__main__":
    sys.exit(main())
