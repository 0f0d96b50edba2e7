"""Screenshots of every state on a milestone path, with the next control outlined.

Taken after the walk, by replaying the shortest paths through the same action
interpreter the walk used: only a handful of states, instead of one screenshot per page
visited (screenshots cost time).  Each press is made on the element the walk pressed,
found by its recorded identity; when the page no longer has it, the step says the
replay diverged and the path's evidence stops there, rather than showing another control.
"""

from __future__ import annotations

import asyncio
import contextlib

from playwright.async_api import Browser, Page
from playwright.async_api import Error as PlaywrightError

from auditor.models import Milestone, Settings, Step, ViewportWalk, path_shot_keys
from auditor.observe.chat import CHAT_GLOBALS
from auditor.walk.actions import Interpreter
from auditor.walk.crawler import ShotWriter
from auditor.walk.driver import CLOSE_TIMEOUT_S, Clock, DriverError, PlaywrightDriver
from auditor.walk.guard import Guard
from auditor.walk.viewports import Viewport, context_options


def _note(walk: ViewportWalk, key: str | None, note: str) -> None:
    if key is not None:
        walk.replay_notes.setdefault(key, note)


async def _replay(
    tab: Interpreter,
    milestone: Milestone,
    shots: ShotWriter,
    first_page: bool,
    walk: ViewportWalk,
) -> None:
    """Act out one path, photographing each state with the next step's element outlined."""
    path = milestone.path
    keys = path_shot_keys(path, milestone.selector)
    for i, step in enumerate(path):
        done = await tab.run(step)
        if not done.ok:
            why = f"diverged: {done.note}" if done.diverged else f"failed: {done.note}"
            _note(walk, keys[i], why)
            return
        if step.action in ("load", "follow") or done.navigated:
            if first_page:
                await tab.driver.quiet(1.5)
                first_page = False
            try:
                if done.navigated:
                    await tab.driver.wait_loaded()
                snap = await tab.observe()
                if await tab.dismiss_consent(snap) is not None:
                    await tab.observe()
            except DriverError as exc:
                _note(walk, keys[i], f"failed: {exc}")
                return
        else:
            try:
                await tab.observe(
                    {eid: 1 if raw.get("visible") else 0 for eid, raw in tab.seen.items()},
                    full=False,
                )
            except DriverError as exc:
                _note(walk, keys[i], f"failed: {exc}")
                return
        nxt = path[i + 1] if i + 1 < len(path) else None
        highlight: str | None = None
        if nxt is not None and nxt.ref is not None:
            highlight, why = tab.resolve(nxt.ref)
            if highlight is None:
                # The state reached is still the walk's; the next control is not there.
                _keep(walk, step.state, await shots.take(tab.driver))
                _note(walk, keys[i + 1], f"diverged: {why}")
                return
        key = keys[i]
        if key is None or key in walk.evidence:
            continue  # this state, this control outlined: already photographed
        selector = (milestone.selector or None) if nxt is None else None
        _keep(walk, key, await shots.take(tab.driver, highlight, selector))


def _keep(walk: ViewportWalk, key: str | None, shot: str | None) -> None:
    if key is not None and shot is not None:
        walk.evidence.setdefault(key, shot)


async def capture(
    browser: Browser,
    viewport: Viewport,
    settings: Settings,
    milestones: dict[str, Milestone],
    shots: ShotWriter,
    guard: Guard,
    deadline: float,
    walk: ViewportWalk,
) -> None:
    """Photograph every state along each reached milestone's path, within ``deadline``.

    Pictures go into the walk's evidence index (``models.shot_key`` → file): a state that
    several paths share with the same control outlined is photographed once.  Where the
    replay could not act on the element the walk acted on, ``walk.replay_notes`` says why.
    """
    # Scale 1: evidence images stay small; the layout (CSS pixels) is the walk's own.
    context = await browser.new_context(
        **context_options(viewport, settings.user_agent_suffix, scale=1)
    )
    clock = Clock(deadline)

    async def setup(page: Page) -> None:
        await guard.attach(context, page)

    driver: PlaywrightDriver | None = None
    try:
        driver = await PlaywrightDriver.open(context, clock, setup)
        tab = Interpreter(driver, {"hover": not viewport.mobile, "globals": CHAT_GLOBALS})
        first = True
        for milestone in milestones.values():
            if clock.expired():
                break
            if not milestone.reached or not milestone.path:
                continue
            await _replay(tab, milestone, shots, first, walk)
            first = False
    finally:
        if driver is not None:
            await driver.close()
        # The browser may be gone already: nothing left to release then.
        with contextlib.suppress(PlaywrightError, TimeoutError):
            await asyncio.wait_for(context.close(), CLOSE_TIMEOUT_S)


def replayed(step: Step) -> bool:
    """Did the replay reach this step and photograph it?"""
    return step.replay is None and step.screenshot is not None
