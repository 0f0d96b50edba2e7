"""robots.txt, obeyed by default through protego; one fetch per host."""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit

import httpx
from protego import Protego

ROBOTS_TOKEN = "ComplaintFrictionAuditor"


class RobotsCache:
    def __init__(self, client: httpx.AsyncClient, *, obey: bool = True) -> None:
        self._client = client
        self._obey = obey
        self._rules: dict[str, Protego | None] = {}
        self._lock = asyncio.Lock()

    async def allowed(self, url: str) -> bool:
        if not self._obey:
            return True
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        async with self._lock:
            if origin not in self._rules:
                self._rules[origin] = await self._fetch(origin)
        rules = self._rules[origin]
        return True if rules is None else bool(rules.can_fetch(url, ROBOTS_TOKEN))

    async def _fetch(self, origin: str) -> Protego | None:
        """A missing or unreadable robots.txt allows everything (RFC 9309 §2.3.1.3)."""
        try:
            resp = await self._client.get(origin + "/robots.txt", timeout=10)
        except httpx.HTTPError:
            return None
        if resp.status_code >= 400:
            return None
        return Protego.parse(resp.text)
