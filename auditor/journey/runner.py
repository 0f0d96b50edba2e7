"""Run a journey file in Chromium: its steps, screenshots of each, then maybe the walk.

Steps act through the walk's own interpreter and guard, on a ``Walker``'s tab, so every
safety rule holds (DESIGN §8).  What the journey saw is recorded raw, like the walk: the
pages it arrived on (observed by the same script), the presses it made on them, the edges
between them, and the steps themselves as ``JourneyMark`` records; the derive stage turns
those into clicks and milestones.  Secrets (cookies, headers, login fields) are read from
the environment and handed to the browser only: no record holds a value.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from playwright.async_api import Browser, BrowserContext, async_playwright

from auditor import __version__
from auditor.audit import judge_status, utc_now
from auditor.browser import find_chromium, launch_args
from auditor.journey.model import Journey, JourneyError, JourneyStep, WaitFor
from auditor.models import (
    AuditStatus,
    Edge,
    JourneyMark,
    Observations,
    PageState,
    Press,
    Settings,
    ToolInfo,
    ViewportWalk,
    state_key,
)
from auditor.observe.facts import observe_page
from auditor.walk.actions import Interpreter, Result
from auditor.walk.crawler import ShotWriter, Walker, _close_context
from auditor.walk.driver import CLOSE_TIMEOUT_S, DriverError, page_error
from auditor.walk.egress_proxy import browser_egress
from auditor.walk.guard import protect
from auditor.walk.httpclient import audit_client
from auditor.walk.politeness import PoliteRate
from auditor.walk.robots import RobotsCache
from auditor.walk.scope import Scope, normalise_url
from auditor.walk.snapshot import StateBook
from auditor.walk.viewports import VIEWPORTS, context_options

EXPECT_WAIT_S = 2.0


class StepFailed(Exception):
    """A step could not be done (element missing, expectation unmet): the journey stops."""


def secrets(journey: Journey, env: Mapping[str, str]) -> dict[str, str]:
    """Every environment variable the journey reads, checked before a browser starts."""
    names: list[str] = []
    if journey.auth is not None:
        names += [c.env for c in journey.auth.cookies] + list(journey.auth.headers.values())
        if journey.auth.storage_state is not None and not journey.auth.storage_state.is_file():
            raise JourneyError(f"auth.storage_state: no such file {journey.auth.storage_state}")
    for i, step in enumerate(journey.steps):
        if step.login is not None:
            names += list(step.login.fields.values())
        if step.fill is not None and step.fill.env:
            names.append(step.fill.env)
        if step.goto is not None:
            _check_url(i, journey.start, step.goto)
    missing = [n for n in names if not env.get(n)]
    if missing:
        raise JourneyError(f"environment variable {missing[0]} is not set (the journey reads it)")
    return {n: env[n] for n in names}


def _check_url(index: int, start: str, url: str) -> None:
    target = urljoin(start, url)
    if urlsplit(target).scheme not in ("http", "https"):
        raise JourneyError(f"step {index}: goto: only http(s) URLs")


@dataclass
class _Run:
    """One viewport's journey: the tab, the page being recorded, the clicks so far."""

    journey: Journey
    walker: Walker
    tab: Interpreter
    shots: ShotWriter
    values: dict[str, str]
    obs: Observations
    clicks: int = 0
    page_clicks: int = 0
    presses: list[str] = field(default_factory=list)
    book: StateBook | None = None

    @property
    def walk(self) -> ViewportWalk:
        return self.walker.walk

    @property
    def url(self) -> str:
        return self.book.state.url if self.book is not None else self.journey.start

    async def arrive(self, requested: str, via: Edge | None) -> None:
        """Observe the page the journey is now on (no disclosure pressed: the script acts)."""
        if self.book is not None:
            self.book.finish()
        state = PageState(url=normalise_url(self.tab.driver.url), requested_url=requested)
        self.book = StateBook(state)
        if via is not None:
            via.target = state.url
            self.walk.edges.append(via)
        self.page_clicks, self.presses = 0, []
        guard = self.walker.guard
        if guard.annotate(state):
            self.walk.pages.append(state)
            return
        try:
            snap = await self.tab.observe()
            if await self.tab.dismiss_consent(snap) is not None:
                self.walk.consent_dismissed.append(self.tab.driver.url)
                snap = await self.tab.observe()
        except DriverError as exc:
            state.error = page_error(exc)
            self.walk.pages.append(state)
            return
        info = snap.page
        state.title = str(info.get("title") or "")
        state.lang = info.get("lang") or None
        state.dir = info.get("dir") or None
        state.scroll_height = float(info.get("scroll_height") or 0)
        state.jsonld = list(info.get("jsonld") or [])
        state.login_wall = bool(info.get("password_visible"))
        self.book.absorb(snap, 0, None)
        self.book.finish()
        self.walk.pages.append(state)
        self.walker.by_url.setdefault(state.url, state)

    async def hand_over(self, context: BrowserContext) -> None:
        """``explore: true``: the walk visits the journey's last page afresh (its menus
        pressed) and searches on from it; the journey's own record of it gives way."""
        assert self.book is not None
        state = self.book.state
        if self.walk.pages and self.walk.pages[-1] is state:
            self.walk.pages.pop()
            if self.walker.by_url.get(state.url) is state:
                del self.walker.by_url[state.url]
        await self.tab.driver.close()
        await self.walker.explore(context, state.url, self.clicks)

    async def pressed(self, result: Result, kind: str, label: str) -> None:
        """A press that stayed on the page: record it and what it revealed."""
        assert self.book is not None and result.element_id is not None
        self.page_clicks += 1
        self.presses.append(result.element_id)
        known = self.book.elements.get(result.element_id)
        selector = known.selector if known is not None else ""
        self.book.state.presses.append(
            Press(
                element_id=result.element_id,
                action="press",
                label=label,
                selector=selector,
                depth=self.page_clicks,
                parent=known.revealed_by if known is not None else None,
                hover=kind == "hover",
            )
        )
        try:
            snap = await self.tab.observe(self.book.known(), full=False)
        except DriverError:
            return
        fresh = self.book.absorb(snap, self.page_clicks, result.element_id)
        self.book.state.presses[-1].revealed = len(fresh)
        self.book.finish()

    def edge(self, result: Result | None, label: str, free: bool = False) -> Edge:
        """The way from the current page to the next: a free load, or after its presses."""
        found = result.located if result is not None else None
        return Edge(
            source=self.url,
            target="",
            element_id=found.element_id if found is not None else "",
            label=label[:200],
            selector="",
            depth=-1 if free else self.page_clicks,
            action="follow" if free else "press",
        )

    async def mark(self, index: int, step: JourneyStep | None, label: str, **extra: Any) -> None:
        state = state_key(self.url, self.presses)
        shot = await self.shots.take(self.tab.driver)
        if shot:
            self.walk.evidence.setdefault(state, shot)
        self.walk.journey.append(
            JourneyMark(
                index=index,
                kind=step.kind if step is not None else "start",
                label=label[:200],
                url=self.url,
                clicks=self.clicks,
                state=state,
                screenshot=shot,
                **extra,
            )
        )

    async def step(self, index: int, step: JourneyStep) -> None:
        """Do one step; ``StepFailed`` stops the journey, ``JourneyError`` refuses it."""
        kind = step.kind
        if step.milestone is not None:
            await self.mark(index, step, step.milestone, milestone=step.milestone)
            return
        if step.login is not None:
            await self.login(index, step)
            return
        if step.expect is not None:
            await self.expect(index, step)
            return
        if step.fill is not None and step.fill.env:
            step = step.model_copy(
                update={"fill": step.fill.model_copy(update={"value": self.values[step.fill.env]})}
            )
        if step.goto is not None:
            step = step.model_copy(update={"goto": urljoin(self.url, step.goto)})
        before = normalise_url(self.tab.driver.url)
        result = await self.tab.act(step)
        if result.refused:
            raise JourneyError(f"step {index} ({kind}): {result.note}")
        if not result.ok:
            raise StepFailed(f"step {index} ({kind}) failed: {result.note}")
        label = _label(step, result)
        if kind in ("click", "hover", "press"):
            self.clicks += 1
            if result.navigated:
                edge = self.edge(result, label)
                await self.tab.driver.wait_loaded()
                await self.arrive(normalise_url(self.tab.driver.url), edge)
            else:
                await self.pressed(result, kind, label)
        elif kind == "goto" and step.goto is not None:
            if normalise_url(step.goto) == self.obs.start_url:
                self.clicks = 0  # back at the freshly loaded start: a new measurement (§4)
            await self.arrive(normalise_url(step.goto), self.edge(None, "goto", free=True))
        elif normalise_url(self.tab.driver.url) != before:  # wait_for saw the page move on
            await self.arrive(normalise_url(self.tab.driver.url), self.edge(None, kind, free=True))
        await self.mark(index, step, label)

    async def expect(self, index: int, step: JourneyStep) -> None:
        exp = step.expect
        assert exp is not None
        if exp.url is not None:
            ok = exp.url in self.tab.driver.url
            what = f"URL containing '{exp.url}'"
        elif exp.text is not None:
            wait = JourneyStep(wait_for=WaitFor(text=exp.text, timeout_s=EXPECT_WAIT_S))
            ok = (await self.tab.act(wait)).ok
            what = f"text '{exp.text}'"
        else:
            assert self.book is not None
            facts = observe_page(self.book.finish())
            ok = any(c.kind == exp.channel and c.visible for c in facts.channels)
            what = f"a visible {exp.channel} channel"
        await self.mark(index, step, what, ok=ok, note="" if ok else f"expected {what}")
        if not ok:
            raise StepFailed(f"step {index} (expect) failed: no {what} on {self.url}")

    async def login(self, index: int, step: JourneyStep) -> None:
        """The one authorised action: fill from env vars, submit once to the declared URL."""
        login = step.login
        assert login is not None
        url = urljoin(self.url, login.url)
        action = urljoin(url, login.action or login.url)
        guard = self.walker.guard
        if normalise_url(self.tab.driver.url) != normalise_url(url):
            loaded = await self.tab.act(JourneyStep(goto=url))
            if not loaded.ok:
                raise StepFailed(f"step {index} (login) failed: {loaded.note}")
            await self.arrive(normalise_url(url), self.edge(None, "login page", free=True))
        for selector, env in login.fields.items():
            fill = JourneyStep.model_validate(
                {"fill": {"selector": selector, "value": self.values[env]}}
            )
            done = await self.tab.act(fill)
            if not done.ok:
                raise StepFailed(f"step {index} (login) failed: field {selector}: {done.note}")
        guard.allow_once("POST", action)
        try:
            submit = JourneyStep.model_validate({"click": {"selector": login.submit}})
            result = await self.tab.act(submit, authorised=True)
            if not result.ok:
                raise StepFailed(f"step {index} (login) failed: {result.note}")
            await self.tab.driver.wait_loaded()
            await _until(lambda: bool(guard.permitted), 3.0)
        finally:
            guard.revoke()
        if not guard.permitted:
            raise StepFailed(f"step {index} (login) failed: the form did not post to {action}")
        self.obs.permitted_actions.append(f"POST {action} (login, step {index})")
        self.clicks += 1
        await self.arrive(normalise_url(self.tab.driver.url), self.edge(result, "log in"))
        await self.mark(index, step, "log in")


async def _until(check: Any, seconds: float) -> None:
    end = time.monotonic() + seconds
    while not check() and time.monotonic() < end:
        await asyncio.sleep(0.05)


def _label(step: JourneyStep, result: Result) -> str:
    target = step.click or step.hover or step.press
    if target is not None:
        found = result.located.label if result.located is not None else ""
        return found or target.describe()
    if step.goto is not None:
        return f"go to {step.goto}"
    if step.fill is not None:
        return f"fill {step.fill.selector or step.fill.name or ''}"
    if step.wait_for is not None:
        w = step.wait_for
        return f"wait for {w.text or w.selector or w.url}"
    return step.kind


async def _context(
    browser: Browser, journey: Journey, viewport: str, settings: Settings, values: dict[str, str]
) -> BrowserContext:
    options = context_options(VIEWPORTS[viewport], settings.user_agent_suffix)
    auth = journey.auth
    if auth is not None and auth.storage_state is not None:
        options["storage_state"] = str(auth.storage_state)
    if auth is not None and auth.headers:
        options["extra_http_headers"] = {h: values[env] for h, env in auth.headers.items()}
    context = await asyncio.wait_for(browser.new_context(**options), CLOSE_TIMEOUT_S * 5)
    if auth is not None and auth.cookies:
        host = urlsplit(journey.start).hostname or ""
        await context.add_cookies(
            [
                {"name": c.name, "value": values[c.env], "domain": c.domain or host, "path": c.path}
                for c in auth.cookies
            ]
        )
    return context


async def _viewport(
    browser: Browser,
    journey: Journey,
    obs: Observations,
    walker: Walker,
    values: dict[str, str],
) -> str | None:
    """One viewport's journey (and walk); the reason it stopped early, if it did."""
    context = await _context(browser, journey, walker.vp.name, obs.settings, values)
    try:
        tab = await walker.tab_in(context)
        run = _Run(journey, walker, tab, walker.shots, values, obs)
        loaded = await tab.act(JourneyStep(goto=journey.start))
        if not loaded.ok:
            state = PageState(url=obs.start_url, requested_url=obs.start_url)
            state.error = page_error(loaded.error) if loaded.error else loaded.note
            walker.walk.pages.append(state)
            return f"start page unreachable: {loaded.note}"
        await tab.driver.quiet(1.5)
        await run.arrive(obs.start_url, None)
        if run.book is not None and loaded.loaded is not None:
            run.book.state.status = loaded.loaded.status
            run.book.state.redirect_chain = loaded.loaded.redirect_chain
        await run.mark(-1, None, "start page")
        try:
            for i, step in enumerate(journey.steps):
                if time.monotonic() > walker.deadline:
                    return f"time limit reached at step {i}"
                await run.step(i, step)
        except StepFailed as exc:
            return str(exc)
        finally:
            if run.book is not None:
                run.book.finish()
        if journey.explore and run.book is not None:
            await run.hand_over(context)
        await tab.driver.close()
        return None
    finally:
        walker.walk.blocked = list(walker.guard.blocked)
        await _close_context(context)


async def run_journey_async(
    journey: Journey,
    settings: Settings,
    out_dir: Path | None,
    env: Mapping[str, str] | None = None,
) -> Observations:
    values = secrets(journey, os.environ if env is None else env)
    start = normalise_url(journey.start)
    settings = settings.model_copy(update={"viewports": list(journey.viewports)})
    obs = Observations(
        tool=ToolInfo(version=__version__), start_url=start, started_at=utc_now(), settings=settings
    )
    stopped: str | None = None
    async with async_playwright() as pw, browser_egress(start) as proxy:
        browser = await pw.chromium.launch(
            executable_path=find_chromium(),
            headless=True,
            args=launch_args(start_url=start, proxy=proxy),
        )
        protection = protect(browser, start, max_bytes=settings.max_page_bytes)
        user_agent = f"Mozilla/5.0 {settings.user_agent_suffix}"
        try:
            async with audit_client(start, user_agent) as http:
                begun = time.monotonic()
                robots = RobotsCache(
                    http, obey=settings.obey_robots, deadline=begun + settings.time_limit_s
                )
                rate = PoliteRate(settings.rate_per_host, robots, protection.pace)
                scope = Scope(start, per_template=settings.max_pages_per_template)
                names = list(journey.viewports)
                for i, name in enumerate(names):
                    deadline = begun + settings.time_limit_s * (i + 1) / len(names)
                    shots = ShotWriter(out_dir if settings.screenshots else None, name)
                    walker = Walker(
                        browser, VIEWPORTS[name], settings, scope, robots, rate, deadline, shots
                    )
                    obs.walks.append(walker.walk)
                    why = await _viewport(browser, journey, obs, walker, values)
                    stopped = stopped or why
        finally:
            await browser.close()
    obs.final_url = next((w.pages[0].url for w in obs.walks if w.pages), None)
    obs.finished_at = utc_now()
    judge_status(obs)
    if stopped and obs.status == AuditStatus.COMPLETE:
        obs.status = AuditStatus.PARTIAL
        obs.status_reason = f"journey stopped: {stopped}"
    return obs


def run_journey(
    journey: Journey, settings: Settings, out_dir: Path | None, env: Mapping[str, str] | None = None
) -> Observations:
    return asyncio.run(run_journey_async(journey, settings, out_dir, env))
