"""Walk one viewport: a best-first frontier of pages, each observed and its disclosures pressed.

The order of visits only decides which pages fit in the budget; the clicks reported are
computed afterwards as shortest paths over every edge seen (``auditor.derive``), so a
page found late through a long path still gets its true minimum.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.async_api import Browser, BrowserContext, Page
from playwright.async_api import Error as PlaywrightError

from auditor.models import (
    Budget,
    Edge,
    ElementRef,
    PageState,
    Press,
    Settings,
    Step,
    ViewportWalk,
    state_key,
)
from auditor.observe import lexicon
from auditor.observe.chat import CHAT_GLOBALS
from auditor.progress import PageSink
from auditor.walk import interact
from auditor.walk.actions import Interpreter, ref_of
from auditor.walk.driver import (
    CLOSE_TIMEOUT_S,
    Clock,
    DriverError,
    Loaded,
    PageDriver,
    PlaywrightDriver,
    page_error,
)
from auditor.walk.guard import Guard
from auditor.walk.robots import RobotsCache
from auditor.walk.scope import Scope, normalise_url
from auditor.walk.snapshot import Snapshot, StateBook
from auditor.walk.viewports import Viewport, context_options

MAX_PRESSES_PER_PAGE = 12
MAX_PRESS_DEPTH = 3
RECYCLE_EVERY = 100
# A page load started just before the deadline may take this much longer.
WAIT_GRACE_S = 1.0
ROBOTS_TIMEOUT_S = 15.0
BOT_WALL_MARKERS = (
    "checking your browser",
    "just a moment",
    "verify you are human",
    "are you a robot",
    "captcha",
    "attention required",
    "access denied",
    "ddos protection",
)


class RateLimiter:
    """At most ``rate`` page loads per second per host: polite to the audited site."""

    def __init__(self, rate: float) -> None:
        self._gap = 1.0 / rate if rate > 0 else 0.0
        self._next: dict[str, float] = {}
        self._lock = asyncio.Lock()

    async def wait(self, url: str) -> None:
        host = urlsplit(url).netloc
        async with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, now))
            self._next[host] = slot + self._gap
        if slot > now:
            await asyncio.sleep(slot - now)


@dataclass(order=True)
class _Item:
    sort_key: tuple[float, int, float, int]
    url: str = field(compare=False)
    clicks: int = field(compare=False)


class Frontier:
    """Best-first: strongest support promise first, then fewest clicks."""

    def __init__(self) -> None:
        self._heap: list[_Item] = []
        self._seq = itertools.count()
        self.best: dict[str, int] = {}
        self.done: set[str] = set()

    def push(self, url: str, clicks: int, score: float) -> None:
        if url in self.done:
            return
        if url in self.best and self.best[url] <= clicks:
            return
        self.best[url] = clicks
        # Promise bands first (a "Contact us" link beats any product link at any depth
        # within budget), then fewer clicks, then the stronger promise.
        band = float(round(min(score, 3.0)))
        heapq.heappush(self._heap, _Item((-band, clicks, -score, next(self._seq)), url, clicks))

    def pop(self) -> _Item | None:
        while self._heap:
            item = heapq.heappop(self._heap)
            if item.url in self.done or self.best.get(item.url, item.clicks) < item.clicks:
                continue
            self.done.add(item.url)
            return item
        return None

    def requeue(self, item: _Item) -> None:
        """A popped page that could not be visited after all: it is still to do."""
        self.done.discard(item.url)
        self.best.pop(item.url, None)
        heapq.heappush(self._heap, item)
        self.best[item.url] = item.clicks

    def __len__(self) -> int:
        """Pages still to visit (a page queued again at fewer clicks counts once)."""
        return len({i.url for i in self._heap if i.url not in self.done})


class ShotWriter:
    """Numbers evidence screenshots; paths are relative to the output folder."""

    def __init__(self, out_dir: Path | None, viewport: str) -> None:
        self.out_dir = out_dir
        self.viewport = viewport
        self._n = itertools.count(1)

    async def take(
        self, driver: PageDriver, highlight_id: str | None = None, selector: str | None = None
    ) -> str | None:
        """Photograph the tab, the element the next step acts on outlined."""
        if self.out_dir is None:
            return None
        rel = f"screenshots/{self.viewport}-{next(self._n):03d}.jpg"
        target = self.out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if not await driver.screenshot(target, highlight_id, selector):
            return None
        return rel


class Walker:
    """One viewport's walk: pages, presses, edges; no judgement."""

    def __init__(
        self,
        browser: Browser,
        viewport: Viewport,
        settings: Settings,
        scope: Scope,
        robots: RobotsCache,
        rate: RateLimiter,
        deadline: float,
        shots: ShotWriter,
    ) -> None:
        self.browser = browser
        self.vp = viewport
        self.settings = settings
        self.scope = scope
        self.robots = robots
        self.rate = rate
        self.deadline = deadline
        self.shots = shots
        self.clock = Clock(deadline, grace=WAIT_GRACE_S)
        self.extract_options = {"hover": not viewport.mobile, "globals": CHAT_GLOBALS}
        self.guard = Guard()
        self.frontier = Frontier()
        self.walk = ViewportWalk(
            viewport=viewport.name, width=viewport.width, height=viewport.height
        )
        self.by_url: dict[str, PageState] = {}
        self._active = 0
        self._cond = asyncio.Condition()
        self._popups: list[str] = []
        # Site chrome (header/nav menus) already pressed on an earlier page: pressing it
        # again on every page reveals the same links at more clicks, so it cannot change
        # a shortest path; skipping it halves the cost of a phone-sized walk.
        self._chrome_pressed: set[tuple[str, str]] = set()
        self._closing: set[asyncio.Future[None]] = set()
        self._context: BrowserContext | None = None
        self.progress: PageSink | None = None
        self.on_page: Callable[[PageState], None] | None = None

    async def run(self, start_url: str) -> ViewportWalk:
        context = await asyncio.wait_for(
            self.browser.new_context(**context_options(self.vp, self.settings.user_agent_suffix)),
            CLOSE_TIMEOUT_S * 5,
        )
        self._context = context
        self.frontier.push(normalise_url(start_url), 0, 10.0)
        try:
            workers = [self._worker(i) for i in range(max(1, self.settings.parallel))]
            await asyncio.gather(*workers)
        finally:
            self.walk.blocked = list(self.guard.blocked)
            await _close_context(context)
        if len(self.frontier) and Budget.TIME not in self.walk.budget_exhausted:
            self.walk.budget_exhausted.append(Budget.PAGES)
        return self.walk

    def _on_popup(self, page: Page) -> None:
        """A new tab opened by a press is part of the journey: note it, then close it."""
        self._popups.append(page.url)
        task = asyncio.ensure_future(PlaywrightDriver(page, self.clock).close())
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def _setup_tab(self, page: Page) -> None:
        assert self._context is not None
        page.on("popup", self._on_popup)
        await self.guard.attach(self._context, page)

    async def _new_tab(self) -> Interpreter:
        assert self._context is not None
        driver = await PlaywrightDriver.open(self._context, self.clock, self._setup_tab)
        return Interpreter(driver, self.extract_options)

    def _time_up(self) -> None:
        if Budget.TIME not in self.walk.budget_exhausted:
            self.walk.budget_exhausted.append(Budget.TIME)

    def _out_of_budget(self) -> bool:
        if time.monotonic() > self.deadline:
            self._time_up()
            return True
        return len(self.walk.pages) + self._active >= self.settings.max_pages

    async def _worker(self, index: int) -> None:
        tab: Interpreter | None = None
        used = 0
        try:
            while True:
                async with self._cond:
                    while True:
                        if self._out_of_budget():
                            self._cond.notify_all()
                            return
                        item = self.frontier.pop()
                        if item is not None:
                            self._active += 1
                            break
                        if self._active == 0:
                            self._cond.notify_all()
                            return
                        await self._cond.wait()
                try:
                    if tab is not None and used and used % RECYCLE_EVERY == 0:
                        await tab.driver.close()
                        tab = None
                    if tab is None:
                        tab = await self._new_tab()
                    used += 1
                    if not await self._visit(tab, item.url, item.clicks):
                        # A failed navigation leaves a late error page behind that would
                        # interrupt the next one (a busy script, a refresh loop): the next
                        # page gets a fresh tab.
                        await tab.driver.close()
                        tab = None
                except DriverError:
                    # No tab could be opened: the browser is overloaded or going away.
                    self.frontier.requeue(item)
                    return
                finally:
                    async with self._cond:
                        self._active -= 1
                        self._cond.notify_all()
        finally:
            if tab is not None:
                await tab.driver.close()

    async def _visit(self, tab: Interpreter, url: str, clicks: int) -> bool:
        """Load and observe one page; False when the tab should be replaced."""
        try:
            allowed = await asyncio.wait_for(
                self.robots.allowed(url), self.clock.budget(ROBOTS_TIMEOUT_S)
            )
        except TimeoutError:
            # robots.txt trickled past the time left: the page is not visited, and the
            # walk stops here (the robots fetcher itself says what a slow robots.txt means).
            self._time_up()
            return True
        if not allowed:
            self.walk.skipped_by_robots.append(url)
            return True
        await self.rate.wait(url)
        state = PageState(url=url, requested_url=url)
        started = time.perf_counter()
        done = await tab.run(Step(action="load", url=url))
        cut_short = done.error is not None and done.error.kind == "timeout"
        if cut_short and self.clock.expired() and self.walk.pages:
            # Cut short by the time limit, not by the site: not a fact about the page (the
            # start page's timeout is kept: it is why the audit has nothing else).
            self._time_up()
            return False
        if done.error is not None or done.loaded is None:
            state.error = page_error(done.error) if done.error else "network: navigation failed"
            state.load_ms = (time.perf_counter() - started) * 1000
            self._record(state)
            return False
        loaded: Loaded = done.loaded
        state.url = normalise_url(loaded.url)
        if loaded.status is not None:
            state.status = loaded.status
            state.redirect_chain = loaded.redirect_chain
            state.content_language = loaded.headers.get("content-language")
            ctype = loaded.headers.get("content-type", "text/html")
            if "html" not in ctype:
                state.error = f"not html: {ctype.split(';')[0]}"
                self._record(state)
                return True
        if self.guard.annotate(state):  # off-site, egress-denied or oversized: not observed
            self._record(state)
            return True
        if state.url != url and state.url in self.by_url:
            self._record(state)  # an alias: the target page is observed already
            return True
        # The load waited for late content (timers, first scroll: driver.late_content).
        state.scroll_depth, state.settle_ms = loaded.scrolled, loaded.settle_ms
        book = StateBook(state)
        healthy = True
        try:
            await self._observe(tab, book)
        except DriverError as exc:
            state.error = page_error(exc)
            healthy = False
        state.load_ms = (time.perf_counter() - started) * 1000
        state = book.finish()
        state.bot_wall = _is_bot_wall(state, loaded)
        if (state.status and state.status >= 400) or state.login_wall or state.bot_wall:
            shot = await self.shots.take(tab.driver)
            if shot:
                self.walk.evidence[state_key(state.url)] = shot
        self._record(state)
        if not ((state.status and state.status >= 400) or state.login_wall or state.bot_wall):
            self._link_out(state, clicks)
        return healthy

    def _record(self, state: PageState) -> None:
        self.walk.pages.append(state)
        if self.progress is not None:
            self.progress.page(self.vp.name, len(self.walk.pages), state.url, state.status)
        if self.on_page is not None:
            self.on_page(state)
        self.by_url.setdefault(state.requested_url, state)
        self.by_url.setdefault(state.url, state)
        self.frontier.done.add(state.url)

    async def _observe(self, tab: Interpreter, book: StateBook) -> None:
        snap = await tab.observe()
        if await tab.driver.self_navigating():
            raise DriverError("navigation_loop", f"{tab.driver.navigations} navigations")
        if await tab.dismiss_consent(snap) is not None:
            self.walk.consent_dismissed.append(tab.driver.url)
            snap = await tab.observe()
        state = book.state
        info = snap.page
        state.title = str(info.get("title") or "")
        state.lang = info.get("lang") or None
        state.dir = info.get("dir") or None
        state.scroll_height = float(info.get("scroll_height") or 0)
        state.scripts = list(info.get("scripts") or [])
        state.iframes = list(info.get("iframes") or [])
        state.globals = list(info.get("globals") or [])
        state.jsonld = list(info.get("jsonld") or [])
        state.meta_robots = str(info.get("meta_robots") or "")
        state.login_wall = bool(info.get("password_visible"))
        state.closed_shadow = [str(h) for h in info.get("closed_shadow") or []]
        book.absorb(snap, 0, None)
        if state.login_wall:
            return
        await self._press_all(tab, book, snap)

    async def _press_all(self, tab: Interpreter, book: StateBook, snap: Snapshot) -> None:
        state = book.state
        done: set[str] = set()
        queue = interact.candidates(list(book.controls.values()), done)
        queue += [
            interact.Candidate(h.id, "expand", h.label, h.selector, 2.0, hover=True)
            for h in snap.hovers
        ]
        presses = 0
        start_url = normalise_url(tab.driver.url)
        while queue and presses < MAX_PRESSES_PER_PAGE and time.monotonic() < self.deadline:
            cand = queue.pop(0)
            if cand.element_id in done:
                continue
            done.add(cand.element_id)
            control = book.elements.get(cand.element_id)
            depth = (control.depth if control else 0) + 1
            if depth > MAX_PRESS_DEPTH:
                continue
            chrome = (cand.selector, cand.label)
            if control is not None and control.region in ("header", "nav"):
                if chrome in self._chrome_pressed and control.depth == 0:
                    continue
                self._chrome_pressed.add(chrome)
            ref = _candidate_ref(tab, cand)
            popups_before = len(self._popups)
            step = Step(action=cand.action, label=cand.label, url="", hover=cand.hover, ref=ref)
            result = await tab.run(step)
            if not result.ok:
                if result.error is not None and result.error.kind in ("timeout", "closed"):
                    raise result.error  # the tab no longer answers: replace it
                continue
            presses += 1
            press = Press(
                element_id=cand.element_id,
                action=cand.action,
                label=cand.label,
                selector=cand.selector,
                depth=depth,
                parent=control.revealed_by if control else None,
                hover=cand.hover,
                ref=ref,
            )
            state.presses.append(press)
            navigated = self._popups[popups_before:] or (
                [tab.driver.url] if normalise_url(tab.driver.url) != start_url else []
            )
            if navigated:
                press.navigated_to = normalise_url(navigated[0])
                self._add_press_edge(state, press.navigated_to, cand, depth - 1, ref)
                break
            try:
                snap = await tab.observe(book.known(), full=False)
            except DriverError as exc:
                if exc.kind in ("timeout", "closed"):
                    raise
                break
            fresh = book.absorb(snap, depth, cand.element_id)
            press.revealed = len(fresh)
            new_controls = [book.controls[e.id] for e in fresh if e.id in book.controls]
            if new_controls:
                queue += interact.candidates(new_controls, done)
                queue.sort(key=lambda c: -c.priority)

    def _add_press_edge(
        self,
        state: PageState,
        target: str,
        cand: interact.Candidate,
        depth: int,
        ref: ElementRef,
    ) -> None:
        """A control that navigates: the press itself is the last click to ``target``."""
        self.walk.edges.append(
            Edge(
                source=state.url,
                target=target,
                element_id=cand.element_id,
                label=cand.label,
                selector=cand.selector,
                depth=depth,
                action="press",
                ref=ref,
            )
        )

    def _link_out(self, state: PageState, clicks: int) -> None:
        seen: set[tuple[str, int]] = set()
        for el in state.elements:
            if el.kind != "link" or not el.visible or not el.href:
                continue
            target = normalise_url(el.href)
            label = el.name or el.text
            if target == state.url or not self.scope.admits(target, label):
                continue
            if (target, el.depth) in seen:
                continue
            seen.add((target, el.depth))
            self.walk.edges.append(
                Edge(
                    source=state.url,
                    target=target,
                    element_id=el.id,
                    label=label[:200],
                    selector=el.selector,
                    depth=el.depth,
                    ref=ElementRef(
                        id=el.id,
                        tag=el.tag,
                        kind=el.kind,
                        name=(el.name or el.text)[:200],
                        href=el.href,
                        selector=el.selector,
                    ),
                )
            )
            est = clicks + el.depth + 1
            if est <= self.settings.max_depth:
                self.frontier.push(target, est, lexicon.support_score(label, target))


def _candidate_ref(tab: Interpreter, cand: interact.Candidate) -> ElementRef:
    """The identity of the control about to be pressed, as the page reported it."""
    raw = tab.seen.get(cand.element_id)
    if raw is not None:
        return ref_of(raw)
    return ElementRef(id=cand.element_id, name=cand.label, selector=cand.selector)


async def _close_context(context: BrowserContext) -> None:
    try:
        await asyncio.wait_for(context.close(), CLOSE_TIMEOUT_S * 2)
    except (PlaywrightError, TimeoutError):
        return


def _is_bot_wall(state: PageState, loaded: Loaded) -> bool:
    if state.status not in (403, 429, 503):
        return False
    if loaded.headers.get("cf-mitigated"):
        return True
    text = (state.title + " " + " ".join(b.text for b in state.text_blocks[:20])).lower()
    return any(marker in text for marker in BOT_WALL_MARKERS)
