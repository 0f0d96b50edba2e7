"""Screenshots of every state on a milestone path, with the next control outlined.

Taken after the walk, by replaying the shortest paths: only a handful of states, instead
of one screenshot per page visited (screenshots cost time).
"""

from __future__ import annotations

import asyncio

from playwright.async_api import Browser, Page
from playwright.async_api import Error as PlaywrightError

from auditor.models import Milestone, Settings, Step, path_shot_keys
from auditor.walk.crawler import NAV_TIMEOUT_MS, PRESS_TIMEOUT_MS, SETTLE_JS, ShotWriter
from auditor.walk.guard import Guard
from auditor.walk.viewports import Viewport, context_options


async def _perform(page: Page, step: Step) -> bool:
    try:
        if step.action in ("load", "follow"):
            await page.goto(step.url, wait_until="load", timeout=NAV_TIMEOUT_MS)
        elif step.selector:
            target = page.locator(step.selector).first
            if step.hover:
                await target.hover(timeout=PRESS_TIMEOUT_MS)
            else:
                await target.click(timeout=PRESS_TIMEOUT_MS, no_wait_after=True)
            await page.evaluate(SETTLE_JS)
        else:
            return False
    except PlaywrightError:
        return False
    return True


async def capture(
    browser: Browser,
    viewport: Viewport,
    settings: Settings,
    milestones: dict[str, Milestone],
    shots: ShotWriter,
    guard: Guard,
    evidence: dict[str, str],
) -> None:
    """Photograph every state along each reached milestone's path into ``evidence``.

    ``evidence`` is the walk's index (``models.shot_key`` → file): a state that several
    paths share with the same control outlined is photographed once.
    """
    # Scale 1: evidence images stay small; the layout (CSS pixels) is the walk's own.
    context = await browser.new_context(
        **context_options(viewport, settings.user_agent_suffix, scale=1)
    )
    try:
        page = await context.new_page()
        page.on("dialog", lambda d: asyncio.ensure_future(d.dismiss()))
        await guard.attach(context, page)
        for milestone in milestones.values():
            if not milestone.reached or not milestone.path:
                continue
            keys = path_shot_keys(milestone.path, milestone.selector)
            for i, (step, key) in enumerate(zip(milestone.path, keys, strict=True)):
                if not await _perform(page, step):
                    break
                if key is None or key in evidence:
                    continue
                nxt = milestone.path[i + 1].selector if i + 1 < len(milestone.path) else None
                shot = await shots.take(page, highlight=nxt or milestone.selector or None)
                if shot:
                    evidence[key] = shot
    finally:
        await context.close()
