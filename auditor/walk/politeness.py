"""How fast the auditor may ask one host, as Scrapy users expect of a polite crawler.

The gap between two page loads on a host is the largest of: the configured rate
(``Settings.rate_per_host``), the host's robots.txt ``Crawl-delay``, a back-off when the
host answers slowly (AutoThrottle's idea: a host that needs 3 s per page gets one page
per 3 s), and a ``Retry-After`` it sent (:mod:`auditor.walk.pace`).
"""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urlsplit

from auditor.walk.crawler import RateLimiter
from auditor.walk.pace import Pace
from auditor.walk.robots import RobotsCache


class PoliteRate(RateLimiter):
    """The crawler's rate limiter, plus Crawl-delay, slow-host back-off and Retry-After."""

    def __init__(self, rate: float, robots: RobotsCache, pace: Pace) -> None:
        super().__init__(rate)
        self._base = 1.0 / rate if rate > 0 else 0.0
        self._robots = robots
        self.pace = pace
        self._slots: dict[str, float] = {}
        self._gate = asyncio.Lock()

    def hold(self, url: str, seconds: float) -> None:
        self.pace.hold(url, seconds)

    async def wait(self, url: str) -> None:
        host = urlsplit(url).netloc
        gap = max(self._base, self._robots.crawl_delay(url) or 0.0, self.pace.backoff(url))
        async with self._gate:
            now = time.monotonic()
            slot = max(now + self.pace.held_for(url), self._slots.get(host, now))
            self._slots[host] = slot + gap
        if slot > now:
            await asyncio.sleep(slot - now)
