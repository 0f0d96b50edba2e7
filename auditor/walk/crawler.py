"""Walk one viewport: a best-first frontier of pages, each observed and its disclosures pressed.

The order of visits only decides which pages fit in the budget; the clicks reported are
computed afterwards as shortest paths over every edge seen (``auditor.derive``), so a
page found late through a long path still gets its true minimum.
"""

from __future__ import annotations

import asyncio
import hashlib
import heapq
import itertools
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

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
from auditor.observe.pagekind import main_heading
from auditor.progress import PageSink
from auditor.walk import interact
from auditor.walk.actions import Interpreter, Result, ref_of
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
from auditor.walk.pace import retry_after_seconds
from auditor.walk.robots import RobotsCache
from auditor.walk.scope import Scope, normalise_url
from auditor.walk.snapshot import Snapshot, StateBook
from auditor.walk.viewports import Viewport, context_options

RECYCLE_EVERY = 100
# A page load started just before the deadline may take this much longer.
WAIT_GRACE_S = 1.0
ROBOTS_TIMEOUT_S = 15.0
# "Slow down" answers to a page load: asked again this often, after Retry-After or
# 2 s, 4 s (Scrapy's RetryMiddleware retries 429 and 503 twice as well).
PAGE_RETRIES = 2
PAGE_RETRY_BASE_S = 2.0
PAGE_RETRY_MARGIN_S = 2.0
# A static-tier proposal has no known click count: it waits behind every linked page of
# its promise band, and a link found to it later replaces it (``Frontier.push``).
PROPOSED = 1 << 20
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

    def hold(self, url: str, seconds: float) -> None:
        """The host asked to be left alone for ``seconds``: no load starts there before."""
        host = urlsplit(url).netloc
        until = time.monotonic() + seconds
        self._next[host] = max(self._next.get(host, until), until)


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
        # What the static tier read in a URL's HTML: a link to it ranks by the stronger
        # of its label's promise and its page's (auditor.static).
        self.boost: dict[str, float] = {}

    def propose(self, url: str, score: float) -> None:
        """A page no link has led to yet (a sitemap entry): visited as an orphan."""
        self.push(url, PROPOSED, score)

    def push(self, url: str, clicks: int, score: float) -> None:
        if url in self.done:
            return
        if url in self.best and self.best[url] <= clicks:
            return
        score = max(score, self.boost.get(url, 0.0))
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
        self._own_pages: weakref.WeakSet[Page] = weakref.WeakSet()  # the walk's own tabs
        self._opening = 0  # tabs the walk is opening now
        self._pending: list[tuple[PageState, int]] = []  # pages reached by a press, clicks
        self._context: BrowserContext | None = None
        self.progress: PageSink | None = None
        self.on_page: Callable[[PageState], None] | None = None
        self.proposals: list[tuple[str, float]] = []
        self._adopted: set[str] = set()

    async def run(self, start_url: str) -> ViewportWalk:
        context = await asyncio.wait_for(
            self.browser.new_context(**context_options(self.vp, self.settings.user_agent_suffix)),
            CLOSE_TIMEOUT_S * 5,
        )
        self._context = context
        self._watch_context(context)
        self.frontier.push(normalise_url(start_url), 0, 10.0)
        try:
            await self._search()
        finally:
            await _close_context(context)
        return self.walk

    async def explore(self, context: BrowserContext, url: str, clicks: int) -> ViewportWalk:
        """Search on from a page a scripted journey reached, ``clicks`` from its start.

        Same browser context (cookies and sign-in kept), same budgets and guard; the page
        is visited like any other (its disclosures pressed).  The context stays open: it
        belongs to the journey.
        """
        self._context = context
        self.frontier.push(normalise_url(url), clicks, 10.0)
        await self._search()
        return self.walk

    async def _search(self) -> None:
        try:
            workers = [self._worker(i) for i in range(max(1, self.settings.parallel))]
            await asyncio.gather(*workers)
        finally:
            self.walk.blocked = list(self.guard.blocked)
            self._settle_orphans()
        if len(self.frontier) and Budget.TIME not in self.walk.budget_exhausted:
            self.walk.budget_exhausted.append(Budget.PAGES)

    def _on_popup(self, page: Page) -> None:
        """A new tab opened by a press is part of the journey: note it, then close it."""
        self._popups.append(page.url)
        self._close_stray(page)

    def _close_stray(self, page: Page) -> None:
        """Close a tab the walk did not open: a popup that keeps opening popups would load
        pages outside the walk's pace."""
        self._keep(asyncio.ensure_future(PlaywrightDriver(page, self.clock).close()))

    def _watch_context(self, context: BrowserContext) -> None:
        """Every tab the walk did not open is closed: a popup's own popups too, which no
        walk tab hears of (their opener is closed by then)."""

        async def check(page: Page) -> None:
            # A tab of the walk's own is known once new_page returns, a moment after this.
            for _ in range(50):
                if page in self._own_pages or not self._opening:
                    break
                await asyncio.sleep(0.01)
            if page not in self._own_pages:
                self._close_stray(page)

        context.on("page", lambda page: self._keep(asyncio.ensure_future(check(page))))

    def _keep(self, task: asyncio.Future[None]) -> None:
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def _setup_tab(self, page: Page) -> None:
        assert self._context is not None
        page.on("popup", self._on_popup)
        await self.guard.attach(self._context, page)

    async def tab_in(self, context: BrowserContext) -> Interpreter:
        """A guarded tab in ``context`` (a scripted journey's), as the walk's own tabs are."""
        self._context = context
        return await self._new_tab()

    async def _new_tab(self) -> Interpreter:
        assert self._context is not None
        self._opening += 1
        try:
            driver = await PlaywrightDriver.open(self._context, self.clock, self._setup_tab)
        finally:
            self._opening -= 1
        self._own_pages.add(driver.page)
        return Interpreter(driver, self.extract_options)

    def _time_up(self) -> None:
        if Budget.TIME not in self.walk.budget_exhausted:
            self.walk.budget_exhausted.append(Budget.TIME)

    def _out_of_budget(self) -> bool:
        if time.monotonic() > self.deadline:
            self._time_up()
            return True
        busy = len(self.walk.pages) + len(self._pending) + self._active
        return busy >= self.settings.max_pages

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
        allowed = await self._robots_allow(url)
        if allowed is None:
            # robots.txt trickled past the time left: the page is not visited, and the
            # walk stops here (the robots fetcher itself says what a slow robots.txt means).
            self._time_up()
            return True
        if not allowed:
            self.walk.skipped_by_robots.append(url)
            return True
        await self.rate.wait(url)
        state = PageState(url=url, requested_url=url, orphan=clicks >= PROPOSED)
        if state.orphan:
            self.walk.static_confirmed.append(url)
        started = time.perf_counter()
        done = await self._load(tab, url, state)
        cut_short = done.error is not None and done.error.kind == "timeout"
        if cut_short and self.clock.expired() and self.walk.pages:
            # Cut short by the time limit, not by the site: not a fact about the page (the
            # start page's timeout is kept: it is why the audit has nothing else).
            self._time_up()
            return False
        if done.error is not None or done.loaded is None:
            state.error = page_error(done.error) if done.error else "network: navigation failed"
            state.load_ms = (time.perf_counter() - started) * 1000
            self._record(state, clicks)
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
                self._record(state, clicks)
                return True
        if self.guard.annotate(state):  # off-site, egress-denied or oversized: not observed
            self._record(state, clicks)
            return True
        if state.url != url and state.url in self.by_url:
            self._record(state, clicks)  # an alias: the target page is observed already
            return True
        # The load waited for late content (timers, first scroll: driver.late_content).
        state.scroll_depth, state.settle_ms = loaded.scrolled, loaded.settle_ms
        book = StateBook(state)
        healthy = True
        try:
            await self._observe(tab, book, clicks)
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
        self._record(state, clicks)
        if not ((state.status and state.status >= 400) or state.login_wall or state.bot_wall):
            self._link_out(state, clicks)
            if clicks == 0:
                self._seed_proposals()
                if healthy and not state.error:
                    await self._ask_unknown_address(tab, state.url)
        self._flush_arrivals()
        return healthy

    async def _robots_allow(self, url: str) -> bool | None:
        """Whether robots.txt allows ``url``; None when it did not answer in the time left."""
        try:
            return await asyncio.wait_for(
                self.robots.allowed(url), self.clock.budget(ROBOTS_TIMEOUT_S)
            )
        except TimeoutError:
            return None

    async def _ask_unknown_address(self, tab: Interpreter, start: str) -> None:
        """Load, once, an address of the start page's site that cannot exist, and keep the
        title and main heading of the answer: derive then calls a page that answers the
        same a soft 404, in any language (observe.facts.like_unknown_address).

        A plain GET like any page load (DESIGN §8); robots.txt and the pace hold for it;
        it is no page of the walk and counts against no budget but time.
        """
        url = unknown_address(start)
        if self.clock.expired() or not self.scope.contains(url):
            return
        if not await self._robots_allow(url):
            return
        await self.rate.wait(url)
        try:
            done = await tab.run(Step(action="load", url=url))
            if done.error is not None or done.loaded is None:
                return
            snap = await tab.observe()
        except DriverError:
            return  # the next page's load finds out whether the tab still answers
        state = PageState(url=url, requested_url=url, status=done.loaded.status)
        state.title = str(snap.page.get("title") or "")
        book = StateBook(state)
        book.absorb(snap, 0, None)
        answer = book.finish()
        heading = main_heading(answer)
        # Its title and main heading are all derive compares: the rest is not kept.
        answer.elements = []
        answer.text_blocks = [b for b in answer.text_blocks if b.text == heading][:1]
        self.walk.unknown_address = answer

    async def _load(self, tab: Interpreter, url: str, state: PageState) -> Result:
        """Load ``url``; a host that says "slow down" (429, or 503 with Retry-After) is asked
        again after the wait it names, a bounded number of times and only within the time
        left.  A page still refused is ``rate_limited``: not seen, which is not broken."""
        for attempt in range(PAGE_RETRIES + 1):
            done = await tab.run(Step(action="load", url=url))
            loaded = done.loaded
            state.rate_limited = loaded is not None and _asks_to_slow_down(loaded)
            if loaded is None or not state.rate_limited or attempt == PAGE_RETRIES:
                return done
            default = PAGE_RETRY_BASE_S * 2**attempt
            wait = retry_after_seconds(loaded.headers.get("retry-after"), default)
            if self.clock.budget(wait + PAGE_RETRY_MARGIN_S) < wait + PAGE_RETRY_MARGIN_S:
                return done  # no time left to wait as asked: the refusal stands
            state.retries += 1
            self.rate.hold(url, wait)
            await self.rate.wait(url)
        return done

    def _seed_proposals(self) -> None:
        """Static-tier proposals join the frontier once the start page is observed (the
        first page recorded is the journey's start)."""
        proposals, self.proposals = self.proposals, []
        for url, score in proposals:
            self.frontier.propose(url, score)

    def _record(self, state: PageState, clicks: int | None = None) -> None:
        self.walk.pages.append(state)
        if self.progress is not None:
            self.progress.page(
                self.vp.name, len(self.walk.pages), state.url, state.status, clicks=clicks
            )
        if self.on_page is not None:
            self.on_page(state)
        self.by_url.setdefault(state.requested_url, state)
        self.by_url.setdefault(state.url, state)
        self.frontier.done.add(state.url)

    async def _observe(
        self,
        tab: Interpreter,
        book: StateBook,
        clicks: int = 0,
        hops: int = 0,
        entry: list[Step] | None = None,
    ) -> dict[str, Any]:
        """Observe the page and press its controls; the page facts the script reported."""
        snap = await tab.observe()
        if await tab.driver.self_navigating():
            raise DriverError("navigation_loop", f"{tab.driver.navigations} navigations")
        if await tab.dismiss_consent(snap) is not None:
            self.walk.consent_dismissed.append(tab.driver.url)
            snap = await tab.observe()
        state = book.state
        info = snap.page
        if self._moved_on(state, info):
            return info  # an alias of a page observed already: nothing of its own to read
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
            return info
        await _PagePresses(self, tab, book, snap, clicks, hops, entry).run()
        return info

    def _moved_on(self, state: PageState, info: dict[str, Any]) -> bool:
        """The document observed is another address's (a meta refresh or a script moved the
        page on after it loaded): file the page under that address, the first one in its
        redirect chain.  True when that address is observed already (an alias)."""
        href = normalise_url(str(info.get("href") or ""))
        if not info.get("href") or href == state.url:
            return False
        state.redirect_chain = [*state.redirect_chain, state.url]
        state.url = href
        if state.status is not None and (status := _document_status(info)) is not None:
            # A loaded page's answer is now the new document's (a replaceState keeps the
            # first one's); a state a press reached gets its status in _arrive.
            state.status = status
        known = href in self.by_url or href in self.frontier.done
        self.frontier.done.add(href)
        return known

    async def _arrive(
        self,
        tab: Interpreter,
        url: str,
        clicks: int,
        hops: int,
        entry: list[Step],
        document: bool = False,
    ) -> None:
        """A press moved the tab to ``url`` (pushState, hash route, ``location``): observe the
        new state in place, like a loaded page, and record it after the page it came from.
        When the press loaded a new ``document``, its HTTP status is the page's: a button
        that leads to a 404 reaches no contact page."""
        if url in self.by_url or url in self.frontier.done:
            return  # observed already, or being visited by another worker
        if not self.scope.contains(url):
            return
        if self._out_of_budget():
            self.frontier.push(url, clicks, 1.0)
            return
        if not await self._robots_allow(url):  # a timeout (None) reads as a refusal here
            self.walk.skipped_by_robots.append(url)
            return
        self.frontier.done.add(url)
        await tab.driver.wait_loaded()
        await tab.driver.quiet(0.5)  # a router may fetch the new view's data
        state = PageState(url=url, requested_url=url)
        book = StateBook(state)
        self._active += 1  # counts against the page budget while observed
        started = time.perf_counter()
        try:
            info = await self._observe(tab, book, clicks, hops, entry)
            if document and (status := _document_status(info)) is not None:
                state.status = status
        except DriverError as exc:
            if exc.kind in ("timeout", "closed"):
                raise
            state.error = page_error(exc)
        finally:
            self._active -= 1
        state.load_ms = (time.perf_counter() - started) * 1000
        self._pending.append((book.finish(), clicks))

    def _flush_arrivals(self) -> None:
        """Pages reached by a press are recorded after the page that led to them."""
        while self._pending:
            state, clicks = self._pending.pop(0)
            self._record(state, clicks)
            if not (state.status and state.status >= 400):
                self._link_out(state, clicks)

    def _add_press_edge(
        self,
        state: PageState,
        target: str,
        cand: interact.Candidate,
        key: str,
        depth: int,
        ref: ElementRef,
    ) -> None:
        """A control that navigates: the press itself is the last click to ``target``."""
        self.walk.edges.append(
            Edge(
                source=state.url,
                target=target,
                element_id=key,
                label=cand.label,
                selector=cand.selector,
                depth=depth,
                action="answer" if cand.action == "answer" else "press",
                ref=ref,
            )
        )

    def _settle_orphans(self) -> None:
        """An orphan is a proposal no visible link of the walk led to, in the end."""
        linked = {e.target for e in self.walk.edges if e.source not in self._orphan_urls()}
        for page in self.walk.pages:
            if page.orphan and (page.url in linked or page.requested_url in linked):
                page.orphan = False

    def _orphan_urls(self) -> set[str]:
        return {p.url for p in self.walk.pages if p.orphan and p.url not in self._adopted}

    def _adopt(self, target: str, clicks: int) -> None:
        """A link reached a page first visited as a proposal: its links are walked now."""
        state = self.by_url.get(target)
        if state is None or not state.orphan or target in self._adopted:
            return
        self._adopted.add(target)
        self._link_out(state, clicks, edges=False)

    def _link_out(self, state: PageState, clicks: int, *, edges: bool = True) -> None:
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
            est = clicks + el.depth + 1
            if not edges:
                if est <= self.settings.max_depth:
                    self.frontier.push(target, est, lexicon.support_score(label, target))
                continue
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
            if est <= self.settings.max_depth:
                self.frontier.push(target, est, lexicon.support_score(label, target))
            if clicks < PROPOSED:
                self._adopt(target, est)


@dataclass
class _Branch:
    """An option a decision tree offered and the first pass did not take."""

    cand: interact.Candidate
    depth: int
    parent: str | None
    chain: list[Press]


class _PagePresses:
    """The presses made on one page state, in the one tab that shows it.

    Disclosures reveal more of the page; a choice is followed by the wizard's "Continue";
    a press that changes the URL is a page transition (an edge, the new state observed in
    place), after which the page is loaded again for its remaining first-level controls.
    Each press is recorded under a key of its own: a "Continue" pressed at every step of a
    wizard is one control but several presses, each after its own choice.
    """

    def __init__(
        self,
        walker: Walker,
        tab: Interpreter,
        book: StateBook,
        snap: Snapshot,
        clicks: int,
        hops: int,
        entry: list[Step] | None = None,
    ) -> None:
        self.w = walker
        # How to come back to this state when its URL cannot be loaded by itself (a
        # pushState route the server does not know): the steps that reached it.
        self.entry = entry
        self.loads_directly = True
        self.tab = tab
        self.book = book
        self.clicks = clicks
        self.hops = hops
        self.done: set[str] = set()
        self.queue = interact.candidates(list(book.controls.values()), self.done)
        self.queue += [
            interact.Candidate(h.id, "expand", h.label, h.selector, 2.0, hover=True)
            for h in snap.hovers
        ]
        self.presses = 0
        self.branches: list[_Branch] = []
        self.times: dict[str, int] = {}
        self.url = book.state.url
        self.ended = time.monotonic() + interact.MAX_PAGE_PRESS_S

    def _budget_left(self) -> bool:
        now = time.monotonic()
        return (
            self.presses < interact.MAX_PRESSES_PER_PAGE
            and now < self.w.deadline
            and now < self.ended
        )

    async def run(self) -> None:
        """The most promising path first, then the options it did not take."""
        await self._drain()
        tried = 0
        while self.branches and tried < interact.MAX_BRANCHES_PER_PAGE and self._budget_left():
            branch = self.branches.pop(0)
            tried += 1
            if not await self._replay(branch.chain):
                continue
            self.done.add(branch.cand.element_id)
            press = await self._press(branch.cand, branch.depth, branch.parent)
            if press is None:
                continue
            if press.navigated_to is not None:
                continue  # a transition: recorded as an edge; the next branch reloads anyway
            if not await self._absorb(press):
                continue
            await self._proceed(press)  # its group's other options are branches already
            await self._drain()

    async def _drain(self) -> None:
        while self.queue and self._budget_left():
            cand = self.queue.pop(0)
            if cand.element_id in self.done:
                continue
            self.done.add(cand.element_id)
            control = self.book.elements.get(cand.element_id)
            depth = (control.depth if control else 0) + 1
            if depth > interact.MAX_PRESS_DEPTH:
                continue
            if control is not None and control.region in ("header", "nav"):
                chrome = (cand.selector, cand.label)
                if chrome in self.w._chrome_pressed and control.depth == 0:
                    continue
                self.w._chrome_pressed.add(chrome)
            parent = control.revealed_by if control else None
            press = await self._press(cand, depth, parent)
            if press is None:
                continue
            if press.navigated_to is not None:
                if cand.role == "choose":
                    # A jump menu: each of its other options is a route of its own.
                    self._note_branches(cand, press, None)
                if not await self._back_to_page():
                    return
                continue
            if not await self._absorb(press):
                return
            if not await self._load_more(cand, press):
                return
            if cand.role == "choose":
                follow = await self._proceed(press)
                self._note_branches(cand, press, follow)

    async def _load_more(self, cand: interact.Candidate, press: Press) -> bool:
        """Press a pager ("Ver más artículos", "Load more") again while each press shows
        more: what it finally shows is one click per press further (DESIGN §4).  A toggle
        (``aria-expanded``) is no pager.  False when the page can be pressed no further."""
        raw = self.book.controls.get(cand.element_id)
        if raw is None or raw.get("expanded") is not None or not interact.is_pager(cand.label):
            return True
        for _ in range(interact.MAX_PAGER_PRESSES):
            if press.revealed <= 0 or press.depth >= interact.MAX_PRESS_DEPTH:
                return True
            if not self._budget_left():
                return True
            again = await self._press(cand, press.depth + 1, press.element_id)
            if again is None:
                return True  # gone once all is shown
            if again.navigated_to is not None:
                return await self._back_to_page()
            if not await self._absorb(again):
                return False
            press = again
        return True

    def _note_branches(self, cand: interact.Candidate, press: Press, follow: Press | None) -> None:
        """Remember the options not taken in a group whose answer changed the page (a
        radio that reveals nothing is a preference, not a branch of a decision tree; one
        that navigated changed the page)."""
        moved = press.navigated_to is not None
        if not moved and press.revealed == 0 and (follow is None or follow.revealed == 0):
            return
        raw = self.book.controls.get(press.ref.id if press.ref else cand.element_id)
        before = self._chain(press.parent)
        for alt in interact.alternatives(list(self.book.controls.values()), cand, raw):
            if alt.element_id in self.done and alt.element_id != cand.element_id:
                continue  # answered on another path already
            self.branches.append(_Branch(alt, press.depth, press.parent, before))
        self.branches.sort(key=lambda b: (len(b.chain), -b.cand.priority))

    def _chain(self, key: str | None) -> list[Press]:
        """The presses that led to the control revealed by press ``key``, first to last."""
        by_key = {p.element_id: p for p in self.book.state.presses}
        chain: list[Press] = []
        while key is not None and key in by_key and len(chain) < interact.MAX_PRESS_DEPTH:
            chain.append(by_key[key])
            key = by_key[key].parent
        return chain[::-1]

    async def _replay(self, chain: list[Press]) -> bool:
        """The page again, with the earlier steps of a branch pressed as before (they were
        recorded already: replaying them adds no press and no click)."""
        if self.w._out_of_budget() or not await self._reload():
            return False
        for earlier in chain:
            done = await self.tab.run(_as_step(earlier))
            if not done.ok or done.navigated or not await self._look(self.book.known()):
                return False
        return True

    async def _press(
        self, cand: interact.Candidate, depth: int, parent: str | None
    ) -> Press | None:
        """Press once; the press record, or None when nothing was pressed."""
        tab = self.tab
        ref = _candidate_ref(tab, cand)
        popups_before = len(self.w._popups)
        documents_before = tab.driver.navigation_requests
        step = Step(action=cand.action, label=cand.label, url="", hover=cand.hover, ref=ref)
        result = await tab.run(step)
        if not result.ok and cand.role in ("choose", "proceed") and _retryable(result.error):
            # A wizard step lost to a slow click loses the rest of the tree: once more.
            result = await tab.run(step)
        if not result.ok:
            if result.error is not None and result.error.kind in ("timeout", "closed"):
                raise result.error  # the tab no longer answers: replace it
            return None
        self.presses += 1
        n = self.times.get(cand.element_id, 0)
        self.times[cand.element_id] = n + 1
        control = self.book.elements.get(cand.element_id)
        natural = control.revealed_by if control else None
        key = cand.element_id if n == 0 and parent == natural else f"{cand.element_id}~{n + 1}"
        press = Press(
            element_id=key,
            action=cand.action,
            label=cand.label,
            selector=cand.selector,
            depth=depth,
            parent=parent,
            hover=cand.hover,
            ref=ref,
        )
        self.book.state.presses.append(press)
        popups = self.w._popups[popups_before:]
        here = normalise_url(tab.driver.url)
        if popups:
            press.navigated_to = normalise_url(popups[0])
            self.w._add_press_edge(self.book.state, press.navigated_to, cand, key, depth - 1, ref)
            if self.w.scope.contains(press.navigated_to):
                score = lexicon.support_score(cand.label)
                self.w.frontier.push(press.navigated_to, self.clicks + depth, score)
            press.navigated_to = None  # the page's own tab did not move
        elif here != self.url:
            press.navigated_to = here
            self.w._add_press_edge(self.book.state, here, cand, key, depth - 1, ref)
            if self.hops < interact.MAX_PRESS_HOPS:
                route = [*self._entry_steps(), *map(_as_step, self._chain(parent)), _as_step(press)]
                # A press that asked for a new document (``location``, a form-less GET) has
                # an HTTP status; a pushState or hash route shows the same document.
                document = tab.driver.navigation_requests != documents_before
                await self.w._arrive(tab, here, self.clicks + depth, self.hops + 1, route, document)
            elif self.w.scope.contains(here):
                self.w.frontier.push(here, self.clicks + depth, lexicon.support_score(cand.label))
        return press

    async def _absorb(self, press: Press) -> bool:
        """Observe what the press revealed; False when the page can be pressed no further."""
        try:
            snap = await self.tab.observe(self.book.known(), full=False)
        except DriverError as exc:
            if exc.kind in ("timeout", "closed"):
                raise
            return False
        shown = sum(b.visible for b in self.book.blocks.values())
        fresh = self.book.absorb(snap, press.depth, press.element_id)
        # Controls that appeared, and text that did (a wizard's answer panel holds no control).
        press.revealed = len(fresh) + sum(b.visible for b in self.book.blocks.values()) - shown
        new_controls = [self.book.controls[e.id] for e in fresh if e.id in self.book.controls]
        if new_controls:
            found = interact.candidates(new_controls, self.done)
            # Depth first into what this press revealed: the next step of a decision tree.
            self.queue += [
                interact.Candidate(
                    c.element_id,
                    c.action,
                    c.label,
                    c.selector,
                    c.priority + interact.REVEALED_BONUS,
                    c.hover,
                    c.role,
                    c.scope,
                )
                for c in found
            ]
            self.queue.sort(key=lambda c: -c.priority)
        return True

    async def _proceed(self, choice: Press) -> Press | None:
        """After a choice, the wizard's "Continue": one more click, after the choice."""
        raw_choice = self.book.controls.get(choice.ref.id if choice.ref else "")
        step = interact.proceed_for(list(self.book.controls.values()), raw_choice)
        if step is None or not self._budget_left() or choice.depth >= interact.MAX_PRESS_DEPTH:
            return None
        label = interact.label_of(step)[:120]
        cand = interact.Candidate(
            str(step["id"]), "press", label, str(step.get("selector", "")), 0.0, role="proceed"
        )
        self.done.add(cand.element_id)
        press = await self._press(cand, choice.depth + 1, choice.element_id)
        if press is None:
            return None
        if press.navigated_to is not None:
            await self._back_to_page()
            return press
        await self._absorb(press)
        return press

    async def _back_to_page(self) -> bool:
        """Load the page again for its remaining first-level controls (deeper ones need the
        presses that revealed them, which the new document has forgotten)."""
        self.queue = [
            c
            for c in self.queue
            if (el := self.book.elements.get(c.element_id)) is not None and el.depth == 0
        ]
        if not self.queue or not self._budget_left() or self.w._out_of_budget():
            return False
        return await self._reload()

    def _entry_steps(self) -> list[Step]:
        return self.entry or [Step(action="load", url=self.url)]

    async def _reload(self) -> bool:
        """The page afresh in this tab: loaded by its URL, else (a route only the app knows)
        reached again by the steps that first reached it; False when neither shows it."""
        if self.loads_directly and await self._load_again([Step(action="load", url=self.url)]):
            return True
        if self.entry is None:
            return False
        self.loads_directly = False  # a route only the app knows: no second 404 for it
        return await self._load_again(self.entry)

    async def _load_again(self, steps: list[Step]) -> bool:
        first, presses = steps[0], steps[1:]
        done = await self.tab.run(first)
        if done.loaded is not None and (done.loaded.status or 0) >= 400:
            return False
        for step in presses:
            if not done.ok:
                break
            if not await self._look():
                return False
            done = await self.tab.run(step)
        if not done.ok:
            if done.error is not None and done.error.kind in ("timeout", "closed"):
                raise done.error
            return False
        return await self._look() and normalise_url(self.tab.driver.url) == self.url

    async def _look(self, known: dict[str, int] | None = None) -> bool:
        """Observe the tab so its elements can be pressed by identity; False when the page
        cannot be read (a tab that no longer answers is raised: it must be replaced)."""
        try:
            await self.tab.observe(known, full=known is None)
        except DriverError as exc:
            if exc.kind in ("timeout", "closed"):
                raise
            return False
        return True


def _document_status(info: dict[str, Any]) -> int | None:
    """The HTTP status of the document the extraction read, when the browser says it."""
    status = info.get("response_status")
    return status if isinstance(status, int) and status > 0 else None


def _as_step(press: Press) -> Step:
    """A recorded press as a step to act out again (on the same element, by identity)."""
    return Step(action=press.action, label=press.label, url="", hover=press.hover, ref=press.ref)


def _retryable(error: DriverError | None) -> bool:
    return error is not None and error.kind == "not_pressable"


def _candidate_ref(tab: Interpreter, cand: interact.Candidate) -> ElementRef:
    """The identity of the control about to be pressed, as the page reported it."""
    raw = tab.seen.get(cand.element_id)
    if raw is not None:
        return ref_of(raw)
    return ElementRef(id=cand.element_id, name=cand.label, selector=cand.selector)


def unknown_address(start: str) -> str:
    """An address on ``start``'s origin that no site has: fixed per start page, so a
    re-run asks the same one."""
    parts = urlsplit(start)
    token = hashlib.sha256(start.encode("utf-8")).hexdigest()[:12]
    return urlunsplit((parts.scheme, parts.netloc, f"/cfa-no-such-page-{token}", "", ""))


async def _close_context(context: BrowserContext) -> None:
    try:
        await asyncio.wait_for(context.close(), CLOSE_TIMEOUT_S * 2)
    except (PlaywrightError, TimeoutError):
        return


def _asks_to_slow_down(loaded: Loaded) -> bool:
    return loaded.status == 429 or (loaded.status == 503 and "retry-after" in loaded.headers)


def _is_bot_wall(state: PageState, loaded: Loaded) -> bool:
    if state.status not in (403, 429, 503):
        return False
    if loaded.headers.get("cf-mitigated"):
        return True
    text = (state.title + " " + " ".join(b.text for b in state.text_blocks[:20])).lower()
    return any(marker in text for marker in BOT_WALL_MARKERS)
