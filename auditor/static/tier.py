"""Run the static tier: read the sitemaps, fetch the likeliest pages, rank the browser's way.

Bounded three ways: the time budget the audit gives it (a tenth of its time limit), at
most ``MAX_CANDIDATES`` page fetches, and the sitemap caps (:mod:`auditor.static.sitemap`).
Every request passes the walk's robots.txt verdict and rate limiter and is sent by the
egress-guarded client with the walk's User-Agent.  The output is a proposal: frontier
boosts for URLs whose HTML promises support, and sitemap pages for the browser to visit.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from auditor.models import SitemapRead, StaticCandidate, StaticMap
from auditor.observe.lexicon import support_score
from auditor.static import sitemap
from auditor.static.page import JOURNEY, PageRead, chrome_links, promise, read_html
from auditor.walk.crawler import RateLimiter
from auditor.walk.robots import RobotsCache
from auditor.walk.scope import Scope, normalise_url

MAX_CANDIDATES = 40
# URLs whose words only say "help" are many on a help centre and promise little each.
MAX_WEAK = 8
MAX_SITEMAP_FILES = 25
MAX_PROPOSALS = 8
MAX_PAGE_BYTES = 2_000_000
MAX_REDIRECTS = 5
SAMPLE = 200
# A URL whose words promise contact or more (not just "help") brings its parent listings.
STRONG_URL = 0.6
# A page whose own title or headings promise this much is worth the browser's visit.
PROPOSE_OWN = 1.0
PROPOSE_INTENTS = JOURNEY - {"help"}
CONCURRENCY = 4


@dataclass
class StaticPlan:
    """What the walk takes from the static tier (the map itself goes in observations)."""

    map: StaticMap
    boosts: dict[str, float] = field(default_factory=dict)
    proposals: list[tuple[str, float]] = field(default_factory=list)


@dataclass
class _Fetched:
    url: str
    status: int | None = None
    body: bytes = b""
    error: str | None = None
    http_version: str | None = None


class _Fetcher:
    """GETs under robots, rate and scope; redirects followed by hand, each hop checked."""

    def __init__(
        self, client: httpx.AsyncClient, robots: RobotsCache, rate: RateLimiter, scope: Scope
    ) -> None:
        self.client = client
        self.robots = robots
        self.rate = rate
        self.scope = scope

    async def get(self, url: str, cap: int) -> _Fetched:
        for _ in range(MAX_REDIRECTS + 1):
            if not self.scope.contains(url):
                return _Fetched(url, error="out of scope")
            if not await self.robots.allowed(url):
                return _Fetched(url, error="disallowed by robots.txt")
            await self.rate.wait(url)
            try:
                async with self.client.stream("GET", url) as resp:
                    if resp.is_redirect and "location" in resp.headers:
                        url = urljoin(url, resp.headers["location"])
                        continue
                    body = bytearray()
                    async for chunk in resp.aiter_bytes():
                        body += chunk
                        if len(body) > cap:
                            return _Fetched(url, resp.status_code, error=f"over {cap} bytes")
                    return _Fetched(url, resp.status_code, bytes(body), None, resp.http_version)
            except httpx.HTTPError as exc:
                return _Fetched(url, error=f"{type(exc).__name__}: {str(exc)[:100]}")
        return _Fetched(url, error="too many redirects")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


async def read_sitemaps(
    fetcher: _Fetcher, start_url: str, smap: StaticMap, pages: dict[str, str]
) -> None:
    """Page URL → the sitemap file listing it (into ``pages``, so a time-out keeps what
    was read), over the trees of robots.txt's ``Sitemap:`` lines and /sitemap.xml."""
    named = await fetcher.robots.sitemaps(start_url)
    robots_url = _origin(start_url) + "/robots.txt"
    queue: list[tuple[str, int]] = [(urljoin(robots_url, u), 0) for u in named]
    queue.append((_origin(start_url) + "/sitemap.xml", 0))
    seen: set[str] = set()
    while queue and len(seen) < MAX_SITEMAP_FILES:
        url, depth = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        got = await fetcher.get(url, sitemap.MAX_BYTES)
        read = SitemapRead(url=url, status=got.status, depth=depth, error=got.error)
        smap.sitemaps.append(read)
        if got.error is not None or got.status != 200:
            read.error = read.error or f"HTTP {got.status}"
            continue
        try:
            parsed = sitemap.parse(got.body, sitemap.MAX_URLS - len(pages))
        except sitemap.SitemapError as exc:
            read.error = str(exc)
            continue
        read.kind = parsed.kind  # type: ignore[assignment]
        read.urls = len(parsed.locs)
        if parsed.truncated:
            read.error = f"truncated at {sitemap.MAX_URLS} URLs"
        if parsed.kind == "index":
            if depth >= sitemap.MAX_INDEX_DEPTH:
                read.error = f"index deeper than {sitemap.MAX_INDEX_DEPTH}: not followed"
                continue
            queue += [(urljoin(url, loc), depth + 1) for loc in parsed.locs]
            continue
        for loc in parsed.locs:
            page = normalise_url(urljoin(url, loc))
            if fetcher.scope.contains(page):
                pages.setdefault(page, url)


def _ancestors(url: str) -> list[str]:
    """The listing pages above a URL (/help/billing/x.html → /help/billing/, /help/)."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    out = []
    for n in range(len(segments) - 1, 0, -1):
        path = "/" + "/".join(segments[:n]) + "/"
        out.append(normalise_url(urlunsplit((parts.scheme, parts.netloc, path, "", ""))))
    return out


def choose(listed: dict[str, str], start_url: str, limit: int = MAX_CANDIDATES) -> list[str]:
    """The pages worth one cheap fetch: best URL words first, each strong one with its
    parent listings (where a help centre files the page, and so links to it)."""
    start = normalise_url(start_url)
    ranked = sorted(
        (u for u in listed if u != start),
        key=lambda u: (-support_score("", u), len(urlsplit(u).path), u),
    )
    out: list[str] = []
    weak = 0
    for url in ranked:
        if len(out) >= limit:
            break
        score = support_score("", url)
        if score <= 0:
            break
        if score < STRONG_URL:
            weak += 1
            if weak > MAX_WEAK:
                break
        extra = [a for a in _ancestors(url) if a != start] if score >= STRONG_URL else []
        for u in [url, *extra]:
            if u not in out and len(out) < limit:
                out.append(u)
    return out


async def _fetch_pages(fetcher: _Fetcher, urls: list[str], into: list[_Fetched]) -> None:
    """Fetch into ``into`` as each answer comes: a time-out keeps what was read."""
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(url: str) -> None:
        async with gate:
            into.append(await fetcher.get(url, MAX_PAGE_BYTES))

    await asyncio.gather(*(one(u) for u in urls))


def _html(got: _Fetched) -> str | None:
    if got.error is not None or got.status != 200 or not got.body:
        return None
    head = got.body[:512].lstrip().lower()
    if head.startswith(b"%pdf") or (b"<" not in head and b"\0" in head):
        return None
    return got.body.decode("utf-8", errors="replace")


def plan(smap: StaticMap, listed: dict[str, str], fetched: list[_Fetched]) -> StaticPlan:
    """Boosts and proposals from the fetched pages' promises."""
    reads: list[tuple[_Fetched, PageRead]] = []
    for got in fetched:
        text = _html(got)
        cand = StaticCandidate(
            url=got.url,
            status=got.status,
            url_score=support_score("", got.url),
            sitemap=listed.get(got.url),
            error=got.error,
        )
        smap.candidates.append(cand)
        if text is not None:
            reads.append((got, read_html(text, normalise_url(got.url))))
    chrome = chrome_links([r for _, r in reads])
    by_url = {c.url: c for c in smap.candidates}
    out = StaticPlan(smap)
    proposals: list[tuple[float, str]] = []
    for got, page in reads:
        cand = by_url[got.url]
        found = promise(page, chrome)
        cand.title = page.title
        cand.score = found.score
        cand.intents = sorted(found.intents)
        if found.score > 0:
            out.boosts[page.url] = found.score
        if cand.sitemap and found.own >= PROPOSE_OWN and found.intents & PROPOSE_INTENTS:
            proposals.append((found.own, page.url))
    for own, url in sorted(proposals, key=lambda p: (-p[0], p[1]))[:MAX_PROPOSALS]:
        out.proposals.append((url, own))
        by_url[url].proposed = True
    return out


async def run_static(
    start_url: str,
    client: httpx.AsyncClient,
    robots: RobotsCache,
    rate: RateLimiter,
    scope: Scope,
    budget_s: float,
) -> StaticPlan:
    """The static tier within ``budget_s`` seconds; what it did not finish, it leaves out."""
    began = time.monotonic()
    smap = StaticMap(budget_s=round(budget_s, 2))
    fetcher = _Fetcher(client, robots, rate, scope)
    listed: dict[str, str] = {}
    fetched: list[_Fetched] = []
    # robots.txt is the walk's too: a time-out here must not cancel its one fetch.
    robots_read = asyncio.ensure_future(robots.rule(start_url))
    try:
        async with asyncio.timeout(budget_s):
            await asyncio.shield(robots_read)
            await read_sitemaps(fetcher, start_url, smap, listed)
            chosen = choose(listed, start_url)
            smap.considered_sample = chosen[:SAMPLE]
            await _fetch_pages(fetcher, chosen, fetched)
    except TimeoutError:
        smap.note = f"time budget of {budget_s:.1f}s reached: proposals from what was read"
    smap.considered = len(listed)
    versions = {f.http_version for f in fetched if f.http_version}
    smap.http_version = ", ".join(sorted(versions)) or None
    result = plan(smap, listed, fetched)
    smap.seconds = round(time.monotonic() - began, 2)
    if not smap.note:
        smap.note = (
            f"{len(listed)} sitemap URL(s), {len(fetched)} page(s) fetched, "
            f"{len(result.proposals)} proposed"
        )
    return result
