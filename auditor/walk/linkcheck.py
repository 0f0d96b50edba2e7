"""Status of support links the walk did not open: httpx, concurrently, never the browser.

Each hop is judged by hand (redirect loops named as such, every hop under the egress
policy of :mod:`auditor.walk.httpclient`).  A 429 or 503 with ``Retry-After`` is retried a
bounded number of times after the wait it asks for; if it still says "slow down" the link
is recorded as rate-limited, which is not a broken link.  A successful HTML answer is read
no further than its first 64 KB, for its title and main heading: a page that says "not
found" with a 200 is as broken as a 404 (observe.pagekind.not_found_words decides).  No
check starts after the audit's deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from urllib.parse import urljoin

import httpx

from auditor.models import LinkCheck, ViewportWalk
from auditor.observe import lexicon
from auditor.static.page import read_html
from auditor.walk.httpclient import is_egress_denied, is_tls_error
from auditor.walk.pace import Pace, retry_after_seconds
from auditor.walk.robots import RobotsCache
from auditor.walk.scope import SUPPORT_INTENTS, Scope, acts, normalise_url

MAX_HOPS = 10
CONCURRENCY = 6
MAX_RETRIES = 2
CHECK_DEADLINE_S = 20.0  # a whole check, however slowly the server trickles
HEAD_BYTES = 64 * 1024  # enough for <title> and the first heading of any page
HEAD_READ_S = 3.0
RATE_LIMITED = frozenset({429, 503})


def support_links(walk: ViewportWalk, scope: Scope) -> list[tuple[str, str, str]]:
    """(url, source page, label) of visible support links whose target was not walked.

    A link whose label acts ("Confirm cancellation") is never requested (DESIGN §8).
    """
    walked = {p.requested_url for p in walk.pages} | {p.url for p in walk.pages}
    out: dict[str, tuple[str, str, str]] = {}
    for page in walk.pages:
        for el in page.elements:
            if el.kind != "link" or not el.visible or not el.href:
                continue
            url = normalise_url(el.href)
            label = el.name or el.text
            if url in walked or url in out or not scope.contains(url) or acts(label, url):
                continue
            if lexicon.intents(label, url) & SUPPORT_INTENTS:
                out[url] = (url, page.url, label[:200])
    return list(out.values())


async def check_one(
    client: httpx.AsyncClient,
    url: str,
    source: str,
    label: str,
    *,
    pace: Pace | None = None,
    deadline: float | None = None,
) -> LinkCheck:
    """Follow redirects by hand so that a loop is named as one, not as a time-out."""
    check = LinkCheck(url=url, source=source, label=label, attempts=0)
    seen: set[str] = set()
    current = url
    for _ in range(MAX_HOPS):
        if current in seen:
            check.redirect_loop = True
            check.error = "redirect_loop"
            return check
        seen.add(current)
        answer = await _get_with_retries(client, current, check, pace, deadline)
        if answer is None:
            return check
        resp, head = answer
        check.status = resp.status_code
        if resp.is_redirect and "location" in resp.headers:
            current = normalise_url(urljoin(current, resp.headers["location"]))
            continue
        check.final_url = current
        if head:
            read = read_html(head.decode(resp.encoding or "utf-8", "replace"), current)
            check.title = read.title
            check.heading = read.main_heading
        return check
    check.redirect_loop = True
    check.error = "redirect_loop"
    return check


async def _get_with_retries(
    client: httpx.AsyncClient,
    url: str,
    check: LinkCheck,
    pace: Pace | None,
    deadline: float | None,
) -> tuple[httpx.Response, bytes] | None:
    """One hop, retried after Retry-After on 429/503; None when it failed (error set)."""
    for attempt in range(MAX_RETRIES + 1):
        check.attempts += 1
        try:
            resp, head = await asyncio.wait_for(_head_of(client, url), CHECK_DEADLINE_S)
        except (httpx.HTTPError, TimeoutError) as exc:
            if is_tls_error(exc):
                check.tls_error = f"{type(exc).__name__}: {exc}"[:300]
                check.error = "tls: certificate or handshake failed"
            elif is_egress_denied(exc):
                check.egress_denied = str(exc)[:300]
                check.error = "egress denied"
            else:
                check.error = f"network: {type(exc).__name__}"
            return None
        limited = resp.status_code in RATE_LIMITED and (
            resp.status_code == 429 or "retry-after" in resp.headers
        )
        if not limited:
            check.rate_limited = False
            return resp, head
        check.rate_limited = True
        wait = retry_after_seconds(resp.headers.get("retry-after"))
        if pace is not None:
            pace.hold(url, wait)
        last = attempt == MAX_RETRIES
        if last or (deadline is not None and time.monotonic() + wait > deadline):
            return resp, head
        await asyncio.sleep(wait)
    return None


async def _head_of(client: httpx.AsyncClient, url: str) -> tuple[httpx.Response, bytes]:
    """GET, reading no body but the first 64 KB of a successful HTML answer: the status,
    the headers and the title are the answer."""
    async with client.stream("GET", url) as resp:
        head = b""
        html = "html" in resp.headers.get("content-type", "")
        if 200 <= resp.status_code < 300 and html:
            # A body that trickles or breaks is no fact about the link (its status is in):
            # what arrived in time is read, the rest is not waited for.
            with contextlib.suppress(TimeoutError, httpx.HTTPError):
                async with asyncio.timeout(HEAD_READ_S):
                    async for chunk in resp.aiter_bytes():
                        head += chunk
                        if len(head) >= HEAD_BYTES:
                            break
        return resp, head[:HEAD_BYTES]


async def check_links(
    client: httpx.AsyncClient,
    walk: ViewportWalk,
    scope: Scope,
    robots: RobotsCache,
    *,
    pace: Pace | None = None,
    deadline: float | None = None,
) -> list[LinkCheck]:
    sem = asyncio.Semaphore(CONCURRENCY)

    async def guarded(url: str, source: str, label: str) -> LinkCheck | None:
        if deadline is not None and time.monotonic() >= deadline:
            return None
        if not await robots.allowed(url):
            return None
        async with sem:
            if deadline is not None and time.monotonic() >= deadline:
                return None
            return await check_one(client, url, source, label, pace=pace, deadline=deadline)

    results = await asyncio.gather(*(guarded(*link) for link in support_links(walk, scope)))
    return [r for r in results if r is not None]
