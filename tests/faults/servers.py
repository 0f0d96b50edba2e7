"""Misbehaving HTTP servers on 127.0.0.1 for the fault matrix: one handler function each.

A handler gets the request path and how many times that path was asked for, and answers
with a ``Reply`` (or ``HANG`` to hold the connection open without a byte).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


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
