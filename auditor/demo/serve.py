"""A small static web server on 127.0.0.1 for the demo site and the benchmark site.

Why it exists: `auditor demo` and `auditor bench` must run without the internet, so they
play a brand site from a folder (or, for the generated benchmark site, from memory) on the
loopback interface.  It serves files and nothing else: GET and HEAD only.  Any other method
is refused with 405 and remembered, so the demo can prove the auditor never submitted a
form or otherwise acted on the site (DESIGN §8).

Failure modes (error statuses, redirect loops, login walls...) are a testing concern: the
repository's fixture-site server in ``tests/support/`` builds them on top of this class
through :meth:`StaticServer.answer` and :meth:`StaticServer.record`.
"""

from __future__ import annotations

import html
import ipaddress
import posixpath
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import unquote, urlsplit

__all__ = [
    "DEFAULT_ROBOTS",
    "Answer",
    "LoggedRequest",
    "StaticServer",
    "content_type",
    "error_page",
    "url_path",
]

HOST = "127.0.0.1"
DEFAULT_ROBOTS = "User-agent: *\nAllow: /\n"
_TEXT_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".webmanifest": "application/manifest+json",
}
_BINARY_TYPES: dict[str, str] = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
}
_CACHEABLE = {".css", ".js", ".mjs", ".svg", ".woff", ".woff2"} | {
    ext for ext, ctype in _BINARY_TYPES.items() if ctype.startswith("image/")
}
HTML_TYPE = "text/html; charset=utf-8"


@dataclass
class LoggedRequest:
    """One request the server answered (what the auditor did to the site)."""

    method: str
    path: str
    headers: dict[str, str]
    status: int
    time: float


@dataclass
class Answer:
    """What to send back for one GET: status, body and headers (Content-Length is added)."""

    status: int
    body: bytes
    headers: dict[str, str]


def content_type(path: str) -> str:
    """The Content-Type for a file name, by extension (octet-stream when unknown)."""
    ext = posixpath.splitext(path)[1].lower()
    return _TEXT_TYPES.get(ext) or _BINARY_TYPES.get(ext) or "application/octet-stream"


def error_page(status: int, message: str) -> bytes:
    """A minimal HTML error page with a way home, like a real site's."""
    text = html.escape(f"{status} {message}")
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{text}</title></head><body><h1>{text}</h1>"
        f'<p><a href="/">Home</a></p></body></html>\n'
    ).encode()


def url_path(raw_path: str) -> str:
    """The decoded path of a request target (``/a%20b?x=1`` → ``/a b``)."""
    return unquote(urlsplit(raw_path).path) or "/"


class _Server(ThreadingHTTPServer):
    """Threaded server that does not wait for idle keep-alive connections on close."""

    daemon_threads = True
    block_on_close = False
    site: StaticServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet: browsers drop connections all the time, that is not an error."""


class _Handler(BaseHTTPRequestHandler):
    """Answers one connection; all behaviour lives in :class:`StaticServer`."""

    server: _Server
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in separate writes
    timeout = 30
    server_version = "FixtureSite/1.0"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        """No per-request logging on stderr; refused requests are kept by the server."""

    def do_GET(self) -> None:
        self.server.site._answer(self, head=False)

    def do_HEAD(self) -> None:
        self.server.site._answer(self, head=True)

    def _refuse(self) -> None:
        self.server.site._refuse(self)

    def __getattr__(self, name: str) -> Callable[[], None]:
        # Any other method (POST, PUT, DELETE, PATCH, OPTIONS, custom verbs) is refused
        # with 405 rather than the stdlib's 501, and remembered: proof the auditor acted.
        if name.startswith("do_"):
            return self._refuse
        raise AttributeError(name)


class StaticServer:
    """Serve a folder (or an in-memory mapping of files) on 127.0.0.1, GET and HEAD only.

    ``files`` maps absolute URL paths (``"/index.html"``) to bytes and takes precedence
    over files under ``root``.  Directory requests serve ``index.html``; ``/contact`` also
    serves ``contact.html``; nothing outside ``root`` is ever served.
    """

    hidden_files: frozenset[str] = frozenset()
    """File names under ``root`` that describe the site and are never served."""

    def __init__(
        self,
        root: Path | None = None,
        *,
        files: Mapping[str, bytes] | None = None,
        port: int = 0,
        host: str = HOST,
        latency: float = 0.0,
    ) -> None:
        if not ipaddress.ip_address(host).is_loopback:
            raise ValueError(f"the site server binds loopback addresses only, not {host}")
        self.host = host
        if root is None and files is None:
            raise ValueError("a site server needs a root folder or a files mapping")
        self.root = root.resolve() if root is not None else None
        if self.root is not None and not self.root.is_dir():
            raise FileNotFoundError(f"site folder not found: {root}")
        self.files: dict[str, bytes] = {"/" + k.lstrip("/"): v for k, v in (files or {}).items()}
        self.port = port
        self.latency = latency
        """Seconds every answer waits first: the network delay of a real site (the bench)."""
        self._lock = threading.Lock()
        self._refused: list[LoggedRequest] = []
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None
        self._url = ""

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """Base URL without trailing slash, e.g. ``http://127.0.0.1:51234``."""
        if not self._url:
            raise RuntimeError("site server not started")
        return self._url

    def start(self) -> StaticServer:
        """Bind a free loopback port and serve in a background thread; returns self."""
        if self._httpd is not None:
            return self
        httpd = _Server((self.host, self.port), _Handler)
        httpd.site = self
        self._httpd = httpd
        self.port = int(httpd.server_address[1])
        self._url = f"http://{self.host}:{self.port}"
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"SiteServer:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port.  Safe to call twice."""
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> StaticServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- what the site saw -----------------------------------------------------------------

    def refused(self) -> list[LoggedRequest]:
        """Requests with a method other than GET/HEAD: must be empty after an audit."""
        with self._lock:
            return list(self._refused)

    def record(self, entry: LoggedRequest) -> None:
        """Called for every answered request; this server keeps the refused ones."""
        if entry.method not in ("GET", "HEAD"):
            with self._lock:
                self._refused.append(entry)

    # -- answering GET ---------------------------------------------------------------------

    def answer(self, raw_path: str) -> Answer:
        """The answer to a GET of ``raw_path`` (request target, query included)."""
        path = url_path(raw_path)
        if path == "/robots.txt":
            return self.robots()
        return self.serve_file(path)[0]

    def robots(self) -> Answer:
        """The site's own robots.txt, or one that allows everything."""
        own = self.read("/robots.txt")
        body = own if own is not None else DEFAULT_ROBOTS.encode()
        return Answer(200, body, {"Content-Type": "text/plain; charset=utf-8"})

    def serve_file(self, path: str) -> tuple[Answer, str | None]:
        """The file a decoded URL path names, and the key it resolved to (None: none)."""
        key = self.resolve(path)
        if key == "":
            return Answer(403, error_page(403, "Forbidden"), {"Content-Type": HTML_TYPE}), None
        body = self.read(key) if key is not None else None
        if key is None or body is None:
            return self.not_found(), None
        ext = posixpath.splitext(key)[1].lower()
        headers = {
            "Content-Type": content_type(key),
            "Cache-Control": "max-age=3600" if ext in _CACHEABLE else "no-cache",
        }
        return Answer(200, body, headers), key

    def not_found(self) -> Answer:
        """404 with the site's own ``404.html`` when it has one."""
        page = self.read("/404.html")
        body = page if page is not None else error_page(404, "Not Found")
        return Answer(404, body, {"Content-Type": HTML_TYPE})

    def resolve(self, path: str) -> str | None:
        """Map a URL path to a file key ("/x/index.html"); "" = forbidden; None = none.

        Paths with ``..`` segments, backslashes or NUL never leave the site root.
        """
        if "\x00" in path or "\\" in path or ".." in path.split("/"):
            return ""
        norm = posixpath.normpath(path)
        if not norm.startswith("/"):
            return ""
        norm = "/" + norm.lstrip("/")
        if posixpath.basename(norm) in self.hidden_files and self.root is not None:
            return None
        candidates = []
        if path.endswith("/") or norm == "/":
            candidates.append(posixpath.join(norm, "index.html"))
        else:
            candidates.append(norm)
            if not posixpath.splitext(norm)[1]:
                candidates += [norm + ".html", norm + "/index.html"]
        for cand in candidates:
            if self._exists(cand):
                return cand
        return None

    def read(self, key: str) -> bytes | None:
        """Bytes of a file key, from the mapping first, then under ``root``."""
        if key in self.files:
            return self.files[key]
        file = self._file(key)
        if file is None or not file.is_file():
            return None
        return file.read_bytes()

    def _exists(self, key: str) -> bool:
        if key in self.files:
            return True
        file = self._file(key)
        return file is not None and file.is_file()

    def _file(self, key: str) -> Path | None:
        if self.root is None:
            return None
        file = (self.root / key.lstrip("/")).resolve()
        return file if file.is_relative_to(self.root) else None

    # -- the wire --------------------------------------------------------------------------

    def _answer(self, handler: _Handler, *, head: bool) -> None:
        # Logged before the reply goes out: a client that has its answer can rely on the
        # log holding the request (tests read the log right after their last request).
        received = time.time()
        if self.latency > 0:
            time.sleep(self.latency)
        try:
            reply = self.answer(handler.path)
        except Exception:
            self._record(handler, 500, received)
            raise
        self._record(handler, reply.status, received)
        self._send(handler, reply, head=head)

    def _refuse(self, handler: _Handler) -> None:
        received = time.time()
        length = int(handler.headers.get("Content-Length") or 0)
        if length > 0:
            handler.rfile.read(min(length, 10_000_000))
        reply = Answer(
            405,
            error_page(405, "Method Not Allowed"),
            {"Allow": "GET, HEAD", "Content-Type": HTML_TYPE},
        )
        self._record(handler, 405, received)
        self._send(handler, reply, head=False)

    def _send(self, handler: _Handler, reply: Answer, *, head: bool) -> None:
        handler.send_response(reply.status)
        for name, value in reply.headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(reply.body)))
        handler.end_headers()
        if not head:
            handler.wfile.write(reply.body)

    def _record(self, handler: _Handler, status: int, received: float) -> None:
        self.record(
            LoggedRequest(
                method=handler.command or "",
                path=handler.path,
                headers=dict(handler.headers.items()),
                status=status,
                time=received,
            )
        )
