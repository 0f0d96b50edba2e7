"""The safety net of DESIGN §8: no request that could act ever leaves the browser.

Interception happens in the browser's Fetch domain and only for the resource types that
can carry a non-GET request (documents, XHR/fetch, beacons, other); stylesheets,
scripts and images never stop there, so they keep the HTTP cache and cost no round trip.
A Python route handler on every request was measured 1.3x slower than no interception.
"""

from __future__ import annotations

import asyncio
from typing import Any

from playwright.async_api import BrowserContext, CDPSession, Page

from auditor.models import BlockedRequest

GUARDED_TYPES = ("Document", "XHR", "Fetch", "Ping", "Other", "EventSource", "CSPViolationReport")
BLOCKED_TYPES = ("Media",)
TRACKER_PATTERNS = (
    "*google-analytics.com/*",
    "*googletagmanager.com/*",
    "*doubleclick.net/*",
    "*connect.facebook.net/*",
    "*hotjar.com/*",
    "*segment.io/*",
    "*scorecardresearch.com/*",
    "*clarity.ms/*",
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class Guard:
    """Answers every non-GET request locally with 204 and records it as blocked."""

    def __init__(self) -> None:
        self.blocked: list[BlockedRequest] = []
        self._tasks: set[asyncio.Task[None]] = set()

    async def attach(self, context: BrowserContext, page: Page) -> CDPSession:
        cdp = await context.new_cdp_session(page)
        patterns: list[dict[str, Any]] = [
            {"urlPattern": "*", "resourceType": t, "requestStage": "Request"}
            for t in GUARDED_TYPES + BLOCKED_TYPES
        ]
        patterns += [{"urlPattern": p, "requestStage": "Request"} for p in TRACKER_PATTERNS]
        cdp.on("Fetch.requestPaused", lambda ev: self._spawn(cdp, page, ev))
        await cdp.send("Fetch.enable", {"patterns": patterns})
        return cdp

    def _spawn(self, cdp: CDPSession, page: Page, event: dict[str, Any]) -> None:
        task = asyncio.ensure_future(self._decide(cdp, page, event))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _decide(self, cdp: CDPSession, page: Page, event: dict[str, Any]) -> None:
        request = event["request"]
        rtype = event.get("resourceType", "Other")
        url = request["url"]
        method = request.get("method", "GET").upper()
        rid = event["requestId"]
        try:
            if method not in SAFE_METHODS:
                self.blocked.append(
                    BlockedRequest(method=method, url=url, resource_type=rtype, page=page.url)
                )
                await cdp.send(
                    "Fetch.fulfillRequest",
                    {"requestId": rid, "responseCode": 204, "responseHeaders": []},
                )
            elif rtype in BLOCKED_TYPES or _is_tracker(url):
                await cdp.send(
                    "Fetch.failRequest", {"requestId": rid, "errorReason": "BlockedByClient"}
                )
            else:
                await cdp.send("Fetch.continueRequest", {"requestId": rid})
        except Exception:  # the page or target may be gone: nothing left to answer
            return


def _is_tracker(url: str) -> bool:
    host = url.split("/")[2] if "://" in url else ""
    return any(p.strip("*/").split("/")[0] in host for p in TRACKER_PATTERNS)
