"""robots.txt, obeyed by default through protego; one fetch per origin (RFC 9309).

RFC 9309 §2.3.1: a robots.txt answering 4xx ("unavailable") allows everything; a 5xx,
a network failure, a time-out or a TLS failure ("unreachable") disallows everything, and
the audit says so.  ``Crawl-delay`` is read for the rate limiter.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from auditor.walk.httpclient import is_egress_denied, is_tls_error

ROBOTS_TOKEN = "ComplaintFrictionAuditor"
MAX_REDIRECTS = 5
MAX_BYTES = 500_000  # RFC 9309 §2.5: parse at least 500 KiB
FETCH_DEADLINE_S = 15.0
MIN_FETCH_S = 0.5


@dataclass(frozen=True)
class RobotsRule:
    """How one origin's robots.txt was read: its verdict for every path and why."""

    status: str
    allow_all: bool = False
    parser: Protego | None = None

    def can_fetch(self, url: str) -> bool:
        if self.parser is not None:
            return bool(self.parser.can_fetch(url, ROBOTS_TOKEN))
        return self.allow_all

    def crawl_delay(self) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(ROBOTS_TOKEN)
        return float(delay) if delay is not None else None


class RobotsCache:
    def __init__(
        self, client: httpx.AsyncClient, *, obey: bool = True, deadline: float | None = None
    ) -> None:
        self._client = client
        self._obey = obey
        # The audit's end (time.monotonic()): no robots.txt read outlasts it, however slowly
        # it trickles; what was not read in time disallows, as a time-out does.
        self._deadline = deadline
        self._rules: dict[str, RobotsRule] = {}
        self._lock = asyncio.Lock()

    async def allowed(self, url: str) -> bool:
        if not self._obey:
            return True
        return (await self.rule(url)).can_fetch(url)

    async def rule(self, url: str) -> RobotsRule:
        origin = _origin(url)
        async with self._lock:
            if origin not in self._rules:
                try:
                    self._rules[origin] = await asyncio.wait_for(
                        self._fetch(origin), self._time_allowed()
                    )
                except TimeoutError:
                    self._rules[origin] = RobotsRule("unreachable (time-out): disallow all")
        return self._rules[origin]

    def _time_allowed(self) -> float:
        if self._deadline is None:
            return FETCH_DEADLINE_S
        return max(MIN_FETCH_S, min(FETCH_DEADLINE_S, self._deadline - time.monotonic()))

    async def sitemaps(self, url: str) -> list[str]:
        """The ``Sitemap:`` lines of a URL's origin's robots.txt (read regardless of
        --ignore-robots: they are the site's own list, not a permission)."""
        rule = await self.rule(url)
        if rule.parser is None:
            return []
        return [str(s) for s in rule.parser.sitemaps]

    def crawl_delay(self, url: str) -> float | None:
        """The Crawl-delay of a URL's origin, when its robots.txt was read already."""
        rule = self._rules.get(_origin(url))
        return rule.crawl_delay() if rule is not None and self._obey else None

    def statuses(self) -> dict[str, str]:
        """origin -> how its robots.txt was read, for the observations."""
        if not self._obey:
            return {o: f"{r.status} (ignored: --ignore-robots)" for o, r in self._rules.items()}
        return {origin: rule.status for origin, rule in self._rules.items()}

    async def _fetch(self, origin: str) -> RobotsRule:
        url = origin + "/robots.txt"
        for _ in range(MAX_REDIRECTS + 1):
            try:
                resp, body = await _get_capped(self._client, url)
            except httpx.HTTPError as exc:
                if is_tls_error(exc):
                    return RobotsRule("unreachable (TLS failure): disallow all")
                if is_egress_denied(exc):
                    return RobotsRule("unreachable (egress denied): disallow all")
                return RobotsRule(f"unreachable ({type(exc).__name__}): disallow all")
            if resp.is_redirect and "location" in resp.headers:
                url = urljoin(url, resp.headers["location"])
                continue
            code = resp.status_code
            if 400 <= code < 500:
                return RobotsRule(f"unavailable (HTTP {code}): allow all", allow_all=True)
            if code >= 500 or code < 200 or code >= 300:
                return RobotsRule(f"unreachable (HTTP {code}): disallow all")
            text = body.decode("utf-8", errors="replace")
            return RobotsRule(f"read (HTTP {code})", parser=Protego.parse(text))
        return RobotsRule("unreachable (too many redirects): disallow all")


async def _get_capped(client: httpx.AsyncClient, url: str) -> tuple[httpx.Response, bytes]:
    """GET reading at most MAX_BYTES: a huge robots.txt is cut, not held in memory."""
    async with client.stream("GET", url) as resp:
        body = bytearray()
        async for chunk in resp.aiter_bytes():
            body += chunk
            if len(body) >= MAX_BYTES:
                break
        return resp, bytes(body[:MAX_BYTES])


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
