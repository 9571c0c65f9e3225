#!/usr/bin/env python3
"""Loopback HTTP(S) server for CurlHTTPTests (test tool only).

Usage: http_test_server.py [--cert CERT --key KEY]
Prints "PORT <n>" on stdout once listening on 127.0.0.1, then serves until killed.
"""
import argparse, base64, json, socket, ssl, sys, threading, time
from http.server import BaseHTTPRequestHandler
from loopback import serve
from urllib.parse import urlparse, parse_qs

released = threading.Event()
active_streams = 0
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", headers=None):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def start_chunked(self, content_type="application/json"):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

    def handle_any(self):
        global active_streams
        url = urlparse(self.path)
        query = parse_qs(url.query)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if url.path == "/hello":
            self.reply(200, b"hello", {"X-Test": "yes", "Content-Type": "text/plain"})
        elif url.path == "/echo":
            echo = {
                "method": self.command,
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body_b64": base64.b64encode(body).decode(),
                "client_port": self.client_address[1],
            }
            self.reply(200, json.dumps(echo).encode(), {"Content-Type": "application/json"})
        elif url.path.startswith("/status/"):
            code = int(url.path.split("/")[2])
            headers = {"Content-Type": "application/json"}
            if "retry_after" in query:
                headers["Retry-After"] = query["retry_after"][0]
            self.reply(code, json.dumps({"status": code}).encode(), headers)
        elif url.path == "/big":
            self.reply(200, b"x" * int(query["n"][0]))
        elif url.path == "/slow":
            time.sleep(30)
            self.reply(200, b"late")
        elif url.path == "/gated-stream":
            # Lines split mid-line across chunks; the second half waits for /release,
            # which proves the client hands out chunks before the response ends.
            self.start_chunked()
            self.chunk(b'{"result":{"n":1}}\n{"res')
            released.wait(300)  # generous: a loaded CI machine can starve the client for long
            released.clear()
            self.chunk(b'ult":{"n":2}}\n')
            self.chunk(b'{"result":{"n":3}}\n')
            self.wfile.write(b"0\r\n\r\n")
        elif url.path == "/release":
            released.set()
            self.reply(200, b"released")
        elif url.path == "/endless-stream":
            with lock:
                active_streams += 1
            try:
                self.start_chunked()
                for i in range(600):
                    self.chunk(b'{"result":{"n":%d}}\n' % i)
                    time.sleep(0.05)
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                with lock:
                    active_streams -= 1
            self.close_connection = True
        elif url.path == "/active-streams":
            with lock:
                n = active_streams
            self.reply(200, str(n).encode())
        elif url.path == "/cut-stream":
            self.start_chunked()
            self.chunk(b'{"result":{"n":1}}\n')
            self.wfile.write(b"40\r\npartial")
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
        else:
            self.reply(404, b'{"error":"not found"}')

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = handle_any


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert")
    parser.add_argument("--key")
    args = parser.parse_args()
    serve(Handler, args.cert, args.key)


if __name__ == "__main__":
    main()
