"""The naive walker the benchmark compares against (kept in the repository on purpose).

What a first attempt looks like: one page at a time, a fresh browser context per page,
no resource blocking, wait for network idle, breadth-first.  It runs the same in-page
observation so the comparison is about the walk, not about what is observed.
"""

from __future__ import annotations

import json
from collections import deque

from playwright.async_api import async_playwright

from auditor.browser import launch_args
from auditor.observe.chat import CHAT_GLOBALS
from auditor.walk.scope import Scope, normalise_url
from auditor.walk.snapshot import extract_script


async def baseline_walk(start_url: str, max_pages: int, executable: str) -> list[str]:
    """Return the URLs loaded, in order."""
    scope = Scope(start_url)
    loaded: list[str] = []
    seen = {normalise_url(start_url)}
    queue: deque[str] = deque([normalise_url(start_url)])
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=executable, headless=True, args=launch_args(loopback_only=True)
        )
        while queue and len(loaded) < max_pages:
            url = queue.popleft()
            context = await browser.new_context(viewport={"width": 1366, "height": 768})
            page = await context.new_page()
            try:
                await page.goto(url, wait_until="networkidle", timeout=30_000)
                raw = await page.evaluate(
                    extract_script(),
                    {"known": {}, "full": True, "hover": True, "globals": CHAT_GLOBALS},
                )
            finally:
                await context.close()
            loaded.append(url)
            for el in json.loads(str(raw))["elements"]:
                href = el.get("href")
                if el.get("kind") != "link" or not el.get("visible") or not href:
                    continue
                target = normalise_url(href)
                if target not in seen and scope.contains(target):
                    seen.add(target)
                    queue.append(target)
        await browser.close()
    return loaded
