"""Misbehaving HTTP servers on 127.0.0.1 for the fault matrix: one handler function each.

A handler gets the request path and how many times that path was asked for, and answers
with a ``Reply`` (or ``HANG`` to hold the connection open without a byte).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import socket
import ssl
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any


@dataclass
class Reply:
    body: str = ""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html"})


HANG = Reply(status=-1)
Handler = Callable[[str, int], Reply]


def page(body: str, title: str = "Shop", head: str = "") -> Reply:
    return Reply(
        f"<!doctype html><html lang='en'><head><title>{title}</title>{head}</head>"
        f"<body>{body}</body></html>"
    )


class FaultServer:
    """A threaded server on a free loopback port; ``with`` starts and stops it."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._release = threading.Event()
        outer = self

        class _Req(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                with outer._lock:
                    outer.counts[path] += 1
                    n = outer.counts[path]
                reply = outer.handler(self.path, n)
                if reply.status < 0:
                    outer._release.wait(120)
                    return
                data = reply.body.encode("utf-8")
                try:
                    self.send_response(reply.status)
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    return

            def log_message(self, format: str, *args: object) -> None:
                return

            def handle_one_request(self) -> None:
                try:
                    super().handle_one_request()
                except OSError:
                    return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Req)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()


# ---- servers for the safety and politeness faults

WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

Answer = tuple[int, dict[str, str], bytes]


class WebSocketServer:
    """Accepts WebSocket handshakes on 127.0.0.1 and logs each connection and frame.

    With ``site`` (a port on the same host), every other request is relayed to that HTTP
    server: the site and its sockets then share one origin, as a real site's chat does,
    and the audit's egress pinning (one host and port) lets the sockets through, so only
    the guard can stop them.
    """

    def __init__(self, host: str = "127.0.0.1", site: int | None = None) -> None:
        self.host = host
        self.site = site
        self.connections: list[str] = []
        self.frames: list[bytes] = []
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((host, 0))
        self._sock.listen(8)
        self._sock.settimeout(0.2)
        self.port = int(self._sock.getsockname()[1])
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"ws://{self.host}:{self.port}"

    @property
    def http_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __enter__(self) -> WebSocketServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self._sock.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        try:
            raw = conn.recv(65536)
            request = raw.decode("latin-1")
            if not raw:
                return
            if self.site is not None and "\r\nupgrade: websocket" not in request.lower():
                self._relay(conn, raw)
                return
            self.connections.append(request.split("\r\n", 1)[0])
            key = next(
                (
                    line.split(":", 1)[1].strip()
                    for line in request.split("\r\n")
                    if line.lower().startswith("sec-websocket-key:")
                ),
                "",
            )
            accept = base64.b64encode(hashlib.sha1((key + WS_GUID).encode()).digest()).decode()
            conn.sendall(
                (
                    "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                    f"Connection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"
                ).encode()
            )
            while True:
                data = conn.recv(65536)
                if not data:
                    return
                self.frames.append(data)
        except OSError:
            return
        finally:
            conn.close()

    def _relay(self, conn: socket.socket, first: bytes) -> None:
        assert self.site is not None
        with socket.create_connection((self.host, self.site), timeout=5) as upstream:
            upstream.sendall(first)
            back = threading.Thread(target=_pump, args=(upstream, conn), daemon=True)
            back.start()
            _pump(conn, upstream)
            back.join(timeout=5)


def _pump(src: socket.socket, dst: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while data := src.recv(65536):
            dst.sendall(data)
    with contextlib.suppress(OSError):
        dst.shutdown(socket.SHUT_WR)


class ScriptedServer:
    """HTTP on 127.0.0.1 whose answer per path is a function: for robots.txt statuses,
    Retry-After, trickling bodies and the like.  Logs (method, path, time)."""

    def __init__(
        self,
        answer: Callable[[str, BaseHTTPRequestHandler], Answer | None],
        host: str = "127.0.0.1",
    ) -> None:
        self.log: list[tuple[str, str, float]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_GET(self) -> None:
                outer.log.append(("GET", self.path, time.monotonic()))
                result = answer(self.path, self)
                if result is None:
                    return  # the answer wrote itself (e.g. trickled)
                status, headers, body = result
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:
                outer.log.append(("POST", self.path, time.monotonic()))
                self.send_response(405)
                self.send_header("Content-Length", "0")
                self.end_headers()

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            block_on_close = False

            def handle_error(self, request: Any, client_address: Any) -> None:
                return

        self._httpd = Server((host, 0), Handler)
        self.port = int(self._httpd.server_address[1])
        self.url = f"http://{host}:{self.port}"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def wrap_tls(self, cert: Path, key: Path) -> None:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(str(cert), str(key))
        self._httpd.socket = ctx.wrap_socket(self._httpd.socket, server_side=True)
        self.url = self.url.replace("http:", "https:")

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def paths(self) -> list[str]:
        return [p for _, p, _ in self.log]


def self_signed(tmp: Path) -> tuple[Path, Path]:
    """A throwaway self-signed certificate for 127.0.0.1 (openssl CLI)."""
    cert, key = tmp / "cert.pem", tmp / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key
