"""Shared by the loopback test servers in this folder: a threaded HTTP/1.1 server on
127.0.0.1 (optionally TLS) that prints "PORT <n>" once listening and ignores clients that hang up."""
import ssl, sys
from http.server import ThreadingHTTPServer


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        # Clients that abort (cancellation, timeout and fault tests) are expected.
        if not isinstance(sys.exc_info()[1], (ConnectionError, ssl.SSLError)):
            super().handle_error(request, client_address)


def serve(handler, cert=None, key=None):
    server = Server(("127.0.0.1", 0), handler)
    if cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()
