"""Per-host memory of response times and Retry-After (shared by the guard, the rate
limiter and the link checker, so a host that says "slow down" is slowed everywhere)."""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

SLOW_RESPONSE_S = 1.0
MAX_BACKOFF_S = 10.0
MAX_RETRY_AFTER_S = 30.0
EWMA = 0.3


class Pace:
    """Per-host memory of latency and Retry-After, read by :class:`PoliteRate`."""

    def __init__(self) -> None:
        self._latency: dict[str, float] = {}
        self._hold_until: dict[str, float] = {}

    def observe(self, url: str, seconds: float) -> None:
        host = urlsplit(url).netloc
        old = self._latency.get(host)
        self._latency[host] = seconds if old is None else (1 - EWMA) * old + EWMA * seconds

    def hold(self, url: str, seconds: float) -> None:
        host = urlsplit(url).netloc
        until = time.monotonic() + min(max(seconds, 0.0), MAX_RETRY_AFTER_S)
        self._hold_until[host] = max(self._hold_until.get(host, 0.0), until)

    def backoff(self, url: str) -> float:
        latency = self._latency.get(urlsplit(url).netloc, 0.0)
        return min(latency, MAX_BACKOFF_S) if latency > SLOW_RESPONSE_S else 0.0

    def held_for(self, url: str) -> float:
        return max(0.0, self._hold_until.get(urlsplit(url).netloc, 0.0) - time.monotonic())


def retry_after_seconds(value: str | None, default: float = 1.0) -> float:
    """Seconds a ``Retry-After`` header asks for (delta or HTTP date), bounded."""
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER_S)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    return min(max(when.timestamp() - time.time(), 0.0), MAX_RETRY_AFTER_S)
