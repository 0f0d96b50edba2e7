"""The fixture-site server: a brand website on 127.0.0.1 with scripted failures (tests only).

Why it exists: the auditor is only trustworthy if it is tested against sites whose friction
is known, and it must never touch the internet while doing so.  This server plays a fixture
site from a folder (or an in-memory mapping) and imitates the failure modes real sites have
(error statuses, redirects and redirect loops, slow pages, login walls, an infinite
calendar, extra headers, robots.txt) as described by an optional ``server.json`` in the site
folder (format: ``tests/sites/README.md``).

It is the product's small static server (:mod:`auditor.demo.serve`, which the demo and the
benchmark use) plus those failures and a log of every request, so tests can prove the
auditor never submitted a form or otherwise acted on the site (DESIGN §8): any method other
than GET/HEAD is logged and refused with 405.  It lives in ``tests/`` because the installed
product has no use for fault injection; ``auditor accuracy`` loads it from the checkout.

By hand: ``python -m tests.support.siteserver tests/sites/en-broken`` (no argument: the
bundled demo).
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import html
import json
import re
import threading
import time
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from auditor.demo import DEMO_SITE
from auditor.demo.serve import (
    HTML_TYPE,
    Answer,
    LoggedRequest,
    StaticServer,
    _Handler,
    content_type,
    error_page,
    url_path,
)

__all__ = ["DEMO_SITE", "LoggedRequest", "SiteServer", "content_type", "main"]

_MONTH_RE = re.compile(r"^/(?P<y>\d{4})/(?P<m>\d{2})(?:/(?P<d>\d{2}))?/?$")
_SITE_FILES = frozenset({"server.json", "labels.json"})
SESSION_TOKEN = "signed-in-fixture"
"""Files in a site folder that describe the site and are not part of it."""


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


class SiteServer(StaticServer):
    """Serve a site folder (or an in-memory mapping) on 127.0.0.1 with scripted failures.

    ``config`` follows ``server.json`` (see module docstring); it defaults to
    ``root/server.json`` when that file exists.  ``files`` maps absolute URL paths
    (``"/index.html"``) to bytes and takes precedence over files under ``root``.
    """

    hidden_files = _SITE_FILES

    def __init__(
        self,
        root: Path | None = None,
        *,
        port: int = 0,
        host: str = "127.0.0.1",
        config: dict[str, Any] | None = None,
        files: Mapping[str, bytes] | None = None,
    ) -> None:
        super().__init__(root, files=files, port=port, host=host)
        if config is None and self.root is not None and (self.root / "server.json").is_file():
            config = json.loads((self.root / "server.json").read_text(encoding="utf-8"))
        self.config: dict[str, Any] = dict(config or {})
        self.requests: list[LoggedRequest] = []
        self._log_lock = threading.Lock()
        self._request = threading.local()  # the Cookie header of the request being answered
        cal = self.config.get("calendar")
        self._calendar: _CalendarPages | None = None
        if isinstance(cal, str):
            self._calendar = _CalendarPages(cal, dt.date.today())
        elif isinstance(cal, dict):
            start = dt.date.fromisoformat(str(cal.get("start", dt.date.today().isoformat())))
            self._calendar = _CalendarPages(str(cal.get("path", "/events")), start)

    def __enter__(self) -> SiteServer:
        self.start()
        return self

    # -- request log -----------------------------------------------------------------------

    def record(self, entry: LoggedRequest) -> None:
        """Log every request, not only the refused ones."""
        super().record(entry)
        with self._log_lock:
            self.requests.append(entry)

    def logged(self) -> list[LoggedRequest]:
        """A snapshot of the request log (safe while the server is answering)."""
        with self._log_lock:
            return list(self.requests)

    def non_get_requests(self) -> list[LoggedRequest]:
        """Requests with a method other than GET/HEAD: should be empty after an audit."""
        return [r for r in self.logged() if r.method not in ("GET", "HEAD")]

    def clear_log(self) -> None:
        with self._log_lock:
            self.requests.clear()

    # -- answering -------------------------------------------------------------------------

    def answer(self, raw_path: str) -> Answer:
        """The scripted failure for this path, if any, else the static file."""
        split = urlsplit(raw_path)
        path = url_path(raw_path)
        cfg = self.config

        delay = _lookup(cfg.get("delays"), path)
        if isinstance(delay, int | float) and delay > 0:
            time.sleep(float(delay))

        if path == "/robots.txt":
            robots = cfg.get("robots")
            if robots is None:
                return self.robots()
            return Answer(200, str(robots).encode(), {"Content-Type": "text/plain; charset=utf-8"})

        status = _lookup(cfg.get("status"), path)
        if isinstance(status, int):
            page = error_page(status, _reason(status))
            reply = (
                self.not_found()
                if status == 404
                else Answer(status, page, {"Content-Type": HTML_TYPE})
            )
            reply.headers |= self._extra_headers(path)
            return reply

        target = _lookup(cfg.get("redirects"), path)
        if isinstance(target, str):
            return Answer(301, b"", {"Location": target})

        if path in (cfg.get("redirect_loops") or []):
            loop = parse_qs(split.query).get("loop", ["0"])[0]
            step = {"0": "?loop=1", "1": "?loop=2"}.get(loop, "")
            return Answer(302, b"", {"Location": quote(path) + step})

        session = cfg.get("session")
        if isinstance(session, dict) and not self._signed_in(session):
            for wall in session.get("protect") or []:
                if path == wall or path.startswith(wall.rstrip("/") + "/"):
                    nxt = quote(raw_path, safe="")
                    return Answer(302, b"", {"Location": f"/login.html?next={nxt}"})

        for wall in cfg.get("login_wall") or []:
            if path == wall or path.startswith(wall.rstrip("/") + "/"):
                nxt = quote(raw_path, safe="")
                return Answer(302, b"", {"Location": f"/login.html?next={nxt}"})

        if self._calendar is not None and self._calendar.matches(path):
            page = self._calendar.render(path)
            if page is not None:
                return Answer(200, page, {"Content-Type": HTML_TYPE} | self._extra_headers(path))

        reply, key = self.serve_file(path)
        if reply.status != 403:
            reply.headers |= self._extra_headers(path)
        if key is not None and key != path:
            reply.headers |= self._extra_headers(key)
        return reply

    # -- a real sign-in (server.json "session") --------------------------------------------

    def _answer(self, handler: _Handler, *, head: bool) -> None:
        self._request.cookie = handler.headers.get("Cookie", "")
        super()._answer(handler, head=head)

    def _signed_in(self, session: dict[str, Any]) -> bool:
        name = str(session.get("cookie", "session"))
        cookie = str(getattr(self._request, "cookie", ""))
        return f"{name}={SESSION_TOKEN}" in cookie.replace(" ", "").split(";")

    def _refuse(self, handler: _Handler) -> None:
        """A POST of the right credentials to the login path signs in; all else is 405."""
        session = self.config.get("session")
        path = url_path(handler.path)
        if not (isinstance(session, dict) and handler.command == "POST"):
            super()._refuse(handler)
            return
        if path != session.get("login", "/login"):
            super()._refuse(handler)
            return
        received = time.time()
        length = int(handler.headers.get("Content-Length") or 0)
        form = parse_qs(handler.rfile.read(min(length, 100_000)).decode("utf-8", "replace"))
        good = form.get("user", [""])[0] == session.get("user") and form.get("password", [""])[
            0
        ] == session.get("password")
        if good:
            name = str(session.get("cookie", "session"))
            reply = Answer(
                303,
                b"",
                {
                    "Location": str(session.get("then", "/")),
                    "Set-Cookie": f"{name}={SESSION_TOKEN}; Path=/; HttpOnly",
                },
            )
        else:
            reply = Answer(
                401, error_page(401, "Wrong user or password"), {"Content-Type": HTML_TYPE}
            )
        self._record(handler, reply.status, received)
        self._send(handler, reply, head=False)

    def _extra_headers(self, path: str) -> dict[str, str]:
        extra = _lookup(self.config.get("headers"), path)
        return {str(k): str(v) for k, v in extra.items()} if isinstance(extra, dict) else {}


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
    """``python -m tests.support.siteserver SITE_DIR``: serve a fixture site until Ctrl-C."""
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
