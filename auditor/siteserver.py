"""A local HTTP server for fixture sites, the bundled demo and generated benchmark sites.

Why it exists: the auditor is only trustworthy if it is tested against sites whose friction
is known, and it must never touch the internet while doing so.  This server plays a brand
website on 127.0.0.1 from a folder (or an in-memory mapping) and can imitate the failure
modes real sites have (error statuses, redirects and redirect loops, slow pages, login
walls, an infinite calendar, extra headers, robots.txt) as described by an optional
``server.json`` in the site folder (format: ``tests/sites/README.md``).

It also records every request it sees, so tests can prove the auditor never submitted a
form or otherwise acted on the site (DESIGN §8): any method other than GET/HEAD is logged
and refused with 405.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import html
import json
import posixpath
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

__all__ = ["DEMO_SITE", "LoggedRequest", "SiteServer", "main"]

DEMO_SITE = Path(__file__).resolve().parent / "demo_site"
"""Folder of the bundled demo brand ("Northwind Energy")."""

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
_DEFAULT_ROBOTS = "User-agent: *\nAllow: /\n"
_MONTH_RE = re.compile(r"^/(?P<y>\d{4})/(?P<m>\d{2})(?:/(?P<d>\d{2}))?/?$")
_SITE_FILES = {"server.json", "labels.json"}
"""Files in a site folder that describe the site and are not part of it."""


@dataclass
class LoggedRequest:
    """One request the server answered (what the auditor did to the site)."""

    method: str
    path: str
    headers: dict[str, str]
    status: int
    time: float


def content_type(path: str) -> str:
    """The Content-Type for a file name, by extension (octet-stream when unknown)."""
    ext = posixpath.splitext(path)[1].lower()
    return _TEXT_TYPES.get(ext) or _BINARY_TYPES.get(ext) or "application/octet-stream"


def _error_page(status: int, message: str) -> bytes:
    text = html.escape(f"{status} {message}")
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{text}</title></head><body><h1>{text}</h1>"
        f'<p><a href="/">Home</a></p></body></html>\n'
    ).encode()


class _CalendarPages:
    """An infinite events calendar: every month links to the next and previous one.

    Real sites have these (events, booking, archives); a crawler that follows every link
    never finishes, so the walk must bound itself.  Pages are generated, never stored.
    """

    def __init__(self, prefix: str, start: dt.date) -> None:
        self.prefix = prefix.rstrip("/") or "/events"
        self.start = start

    def matches(self, path: str) -> bool:
        return path == self.prefix or path.startswith(self.prefix + "/")

    def render(self, path: str) -> bytes | None:
        rest = path[len(self.prefix) :]
        if rest in ("", "/"):
            return self._month(self.start.year, self.start.month)
        m = _MONTH_RE.match(rest)
        if not m:
            return None
        year, month = int(m["y"]), int(m["m"])
        if not (1 <= year <= 9999 and 1 <= month <= 12):
            return None
        if m["d"] is None:
            return self._month(year, month)
        day = int(m["d"])
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None
        return self._day(dt.date(year, month, day))

    def _month_href(self, year: int, month: int) -> str:
        return f"{self.prefix}/{year:04d}/{month:02d}"

    def _shift(self, year: int, month: int, delta: int) -> tuple[int, int]:
        index = year * 12 + (month - 1) + delta
        return max(1, min(9999, index // 12)), index % 12 + 1

    def _page(self, title: str, body: str) -> bytes:
        t = html.escape(title)
        return (
            '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{t}</title></head><body>"
            '<header><a href="/">Home</a></header>'
            f"<main><h1>{t}</h1>{body}</main></body></html>\n"
        ).encode()

    def _month(self, year: int, month: int) -> bytes:
        py, pm = self._shift(year, month, -1)
        ny, nm = self._shift(year, month, 1)
        days = calendar.monthrange(year, month)[1]
        items = "".join(
            f'<li><a href="{self._month_href(year, month)}/{d:02d}">'
            f"{d} {calendar.month_name[month]}</a></li>"
            for d in range(1, days + 1)
        )
        body = (
            f'<nav class="months"><a rel="prev" href="{self._month_href(py, pm)}">'
            f"Previous month</a> "
            f'<a rel="next" href="{self._month_href(ny, nm)}">Next month</a></nav>'
            f'<ul class="days">{items}</ul>'
        )
        return self._page(f"Events: {calendar.month_name[month]} {year}", body)

    def _day(self, day: dt.date) -> bytes:
        prev_day, next_day = day - dt.timedelta(days=1), day + dt.timedelta(days=1)

        def href(d: dt.date) -> str:
            return f"{self._month_href(d.year, d.month)}/{d.day:02d}"

        body = (
            f'<p><a href="{self._month_href(day.year, day.month)}">Back to the month</a></p>'
            f'<nav><a rel="prev" href="{href(prev_day)}">Previous day</a> '
            f'<a rel="next" href="{href(next_day)}">Next day</a></nav>'
            "<p>No events on this day.</p>"
        )
        return self._page(f"Events on {day.day} {calendar.month_name[day.month]} {day.year}", body)


class _Server(ThreadingHTTPServer):
    """Threaded server that does not wait for idle keep-alive connections on close."""

    daemon_threads = True
    block_on_close = False
    site: SiteServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet: browsers drop connections all the time, that is not an error."""


class _Handler(BaseHTTPRequestHandler):
    """Answers one connection; all behaviour lives in :class:`SiteServer`."""

    server: _Server
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in separate writes
    timeout = 30
    server_version = "FixtureSite/1.0"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        """No per-request logging on stderr; requests are recorded in ``requests``."""

    def do_GET(self) -> None:
        self.server.site._answer(self, head=False)

    def do_HEAD(self) -> None:
        self.server.site._answer(self, head=True)

    def _refuse(self) -> None:
        self.server.site._refuse(self)

    def __getattr__(self, name: str) -> Callable[[], None]:
        # Any other method (POST, PUT, DELETE, PATCH, OPTIONS, custom verbs) is refused
        # with 405 rather than the stdlib's 501, and logged: proof the auditor acted.
        if name.startswith("do_"):
            return self._refuse
        raise AttributeError(name)


class SiteServer:
    """Serve a site folder (or an in-memory mapping) on 127.0.0.1 with scripted failures.

    ``config`` follows ``server.json`` (see module docstring); it defaults to
    ``root/server.json`` when that file exists.  ``files`` maps absolute URL paths
    (``"/index.html"``) to bytes and takes precedence over files under ``root``.
    """

    def __init__(
        self,
        root: Path | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        config: dict[str, Any] | None = None,
        files: Mapping[str, bytes] | None = None,
    ) -> None:
        if root is None and files is None:
            raise ValueError("SiteServer needs a root folder or a files mapping")
        self.root = root.resolve() if root is not None else None
        if self.root is not None and not self.root.is_dir():
            raise FileNotFoundError(f"site folder not found: {root}")
        self.files: dict[str, bytes] = {"/" + k.lstrip("/"): v for k, v in (files or {}).items()}
        if config is None and self.root is not None and (self.root / "server.json").is_file():
            config = json.loads((self.root / "server.json").read_text(encoding="utf-8"))
        self.config: dict[str, Any] = dict(config or {})
        self.host = host
        self.port = port
        self.requests: list[LoggedRequest] = []
        self._lock = threading.Lock()
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None
        self._url = ""
        cal = self.config.get("calendar")
        self._calendar: _CalendarPages | None = None
        if isinstance(cal, str):
            self._calendar = _CalendarPages(cal, dt.date.today())
        elif isinstance(cal, dict):
            start = dt.date.fromisoformat(str(cal.get("start", dt.date.today().isoformat())))
            self._calendar = _CalendarPages(str(cal.get("path", "/events")), start)

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """Base URL without trailing slash, e.g. ``http://127.0.0.1:51234``."""
        if not self._url:
            raise RuntimeError("SiteServer not started")
        return self._url

    def start(self) -> SiteServer:
        """Bind and serve in a background thread; returns self for chaining."""
        if self._httpd is not None:
            return self
        httpd = _Server((self.host, self.port), _Handler)
        httpd.site = self
        self._httpd = httpd
        host, port = httpd.server_address[:2]
        self.port = int(port)
        self._url = f"http://{host!s}:{self.port}"
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

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- request log -----------------------------------------------------------------------

    def logged(self) -> list[LoggedRequest]:
        """A snapshot of the request log (safe while the server is answering)."""
        with self._lock:
            return list(self.requests)

    def non_get_requests(self) -> list[LoggedRequest]:
        """Requests with a method other than GET/HEAD: should be empty after an audit."""
        return [r for r in self.logged() if r.method not in ("GET", "HEAD")]

    def clear_log(self) -> None:
        with self._lock:
            self.requests.clear()

    def _log(self, handler: _Handler, status: int, received: float) -> None:
        entry = LoggedRequest(
            method=handler.command or "",
            path=handler.path,
            headers={k: v for k, v in handler.headers.items()},
            status=status,
            time=received,
        )
        with self._lock:
            self.requests.append(entry)

    # -- answering -------------------------------------------------------------------------

    def _refuse(self, handler: _Handler) -> None:
        received = time.time()
        length = int(handler.headers.get("Content-Length") or 0)
        if length > 0:
            handler.rfile.read(min(length, 10_000_000))
        self._send(
            handler,
            405,
            _error_page(405, "Method Not Allowed"),
            head=False,
            headers={"Allow": "GET, HEAD", "Content-Type": "text/html; charset=utf-8"},
        )
        self._log(handler, 405, received)

    def _answer(self, handler: _Handler, *, head: bool) -> None:
        received = time.time()
        status = 500
        try:
            status, body, headers = self._respond(handler.path)
            self._send(handler, status, body, head=head, headers=headers)
        finally:
            self._log(handler, status, received)

    def _send(
        self,
        handler: _Handler,
        status: int,
        body: bytes,
        *,
        head: bool,
        headers: Mapping[str, str],
    ) -> None:
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if not head:
            handler.wfile.write(body)

    def _respond(self, raw_path: str) -> tuple[int, bytes, dict[str, str]]:
        """Decide the answer to a GET: (status, body, headers)."""
        split = urlsplit(raw_path)
        path = unquote(split.path) or "/"
        html_type = {"Content-Type": "text/html; charset=utf-8"}
        cfg = self.config

        delay = _lookup(cfg.get("delays"), path)
        if isinstance(delay, int | float) and delay > 0:
            time.sleep(float(delay))

        if path == "/robots.txt":
            robots = cfg.get("robots")
            if robots is None:
                robots_bytes = self._read("/robots.txt")
                robots = robots_bytes.decode() if robots_bytes is not None else _DEFAULT_ROBOTS
            return 200, str(robots).encode(), {"Content-Type": "text/plain; charset=utf-8"}

        status = _lookup(cfg.get("status"), path)
        if isinstance(status, int):
            if status == 404:
                return self._not_found(path)
            return (
                status,
                _error_page(status, _reason(status)),
                html_type | self._extra_headers(path),
            )

        target = _lookup(cfg.get("redirects"), path)
        if isinstance(target, str):
            return 301, b"", {"Location": target}

        if path in (cfg.get("redirect_loops") or []):
            loop = parse_qs(split.query).get("loop", ["0"])[0]
            step = {"0": "?loop=1", "1": "?loop=2"}.get(loop, "")
            return 302, b"", {"Location": quote(path) + step}

        for wall in cfg.get("login_wall") or []:
            if path == wall or path.startswith(wall.rstrip("/") + "/"):
                nxt = quote(raw_path, safe="")
                return 302, b"", {"Location": f"/login.html?next={nxt}"}

        if self._calendar is not None and self._calendar.matches(path):
            page = self._calendar.render(path)
            if page is not None:
                return 200, page, html_type | self._extra_headers(path)

        key = self._resolve(path)
        if key is None:
            return self._not_found(path)
        if key == "":
            return 403, _error_page(403, "Forbidden"), html_type
        body = self._read(key)
        if body is None:
            return self._not_found(path)
        headers = {"Content-Type": content_type(key)}
        ext = posixpath.splitext(key)[1].lower()
        headers["Cache-Control"] = "max-age=3600" if ext in _CACHEABLE else "no-cache"
        headers |= self._extra_headers(path)
        if key != path:
            headers |= self._extra_headers(key)
        return 200, body, headers

    def _not_found(self, path: str) -> tuple[int, bytes, dict[str, str]]:
        page = self._read("/404.html")
        return (
            404,
            page if page is not None else _error_page(404, "Not Found"),
            {"Content-Type": "text/html; charset=utf-8"} | self._extra_headers(path),
        )

    def _extra_headers(self, path: str) -> dict[str, str]:
        extra = _lookup(self.config.get("headers"), path)
        return {str(k): str(v) for k, v in extra.items()} if isinstance(extra, dict) else {}

    def _resolve(self, path: str) -> str | None:
        """Map a URL path to a file key ("/x/index.html"); "" = forbidden; None = none.

        Directory requests serve ``index.html``; ``/contact`` also serves ``contact.html``.
        Paths with ``..`` segments, backslashes or NUL never leave the site root.
        """
        if "\x00" in path or "\\" in path or ".." in path.split("/"):
            return ""
        norm = posixpath.normpath(path)
        if not norm.startswith("/"):
            return ""
        norm = "/" + norm.lstrip("/")
        if posixpath.basename(norm) in _SITE_FILES and self.root is not None:
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

    def _read(self, key: str) -> bytes | None:
        if key in self.files:
            return self.files[key]
        file = self._file(key)
        if file is None or not file.is_file():
            return None
        return file.read_bytes()


def _lookup(table: object, path: str) -> Any:
    """Value for ``path`` in a path-keyed table from server.json (tolerates a trailing /)."""
    if not isinstance(table, dict):
        return None
    if path in table:
        return table[path]
    alt = path[:-1] if path.endswith("/") and len(path) > 1 else path + "/"
    return table.get(alt)


def _reason(status: int) -> str:
    return BaseHTTPRequestHandler.responses.get(status, ("Error",))[0]


def main(argv: list[str] | None = None) -> None:
    """``python -m auditor.siteserver SITE_DIR``: serve a fixture site until Ctrl-C."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("root", type=Path, nargs="?", default=DEMO_SITE)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    with SiteServer(args.root, port=args.port) as server:
        print(f"Serving {args.root} at {server.url}/  (Ctrl-C to stop)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
