"""Status of support links the walk did not open: httpx, concurrently, never the browser."""

from __future__ import annotations

import asyncio
from urllib.parse import urljoin

import httpx

from auditor.models import LinkCheck, ViewportWalk
from auditor.observe import lexicon
from auditor.walk.robots import RobotsCache
from auditor.walk.scope import Scope, normalise_url

SUPPORT_INTENTS = frozenset({"contact", "help", "complaint", "escalation", "cancel"})
MAX_HOPS = 10
CONCURRENCY = 6


def support_links(walk: ViewportWalk, scope: Scope) -> list[tuple[str, str, str]]:
    """(url, source page, label) of visible support links whose target was not walked."""
    walked = {p.requested_url for p in walk.pages} | {p.url for p in walk.pages}
    out: dict[str, tuple[str, str, str]] = {}
    for page in walk.pages:
        for el in page.elements:
            if el.kind != "link" or not el.visible or not el.href:
                continue
            url = normalise_url(el.href)
            label = el.name or el.text
            if url in walked or url in out or not scope.contains(url):
                continue
            if lexicon.intents(label, url) & SUPPORT_INTENTS:
                out[url] = (url, page.url, label[:200])
    return list(out.values())


async def check_one(client: httpx.AsyncClient, url: str, source: str, label: str) -> LinkCheck:
    """Follow redirects by hand so that a loop is named as one, not as a time-out."""
    check = LinkCheck(url=url, source=source, label=label)
    seen: set[str] = set()
    current = url
    for _ in range(MAX_HOPS):
        if current in seen:
            check.redirect_loop = True
            check.error = "redirect_loop"
            return check
        seen.add(current)
        try:
            resp = await client.get(current, follow_redirects=False, timeout=10)
        except httpx.HTTPError as exc:
            check.error = f"network: {type(exc).__name__}"
            return check
        check.status = resp.status_code
        if resp.is_redirect and "location" in resp.headers:
            current = normalise_url(urljoin(current, resp.headers["location"]))
            continue
        check.final_url = current
        return check
    check.redirect_loop = True
    check.error = "redirect_loop"
    return check


async def check_links(
    client: httpx.AsyncClient, walk: ViewportWalk, scope: Scope, robots: RobotsCache
) -> list[LinkCheck]:
    sem = asyncio.Semaphore(CONCURRENCY)

    async def guarded(url: str, source: str, label: str) -> LinkCheck | None:
        if not await robots.allowed(url):
            return None
        async with sem:
            return await check_one(client, url, source, label)

    results = await asyncio.gather(*(guarded(*link) for link in support_links(walk, scope)))
    return [r for r in results if r is not None]
