"""Walk one viewport: a best-first frontier of pages, each observed and its disclosures pressed.

The order of visits only decides which pages fit in the budget; the clicks reported are
computed afterwards as shortest paths over every edge seen (``auditor.journey``), so a
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

from playwright.async_api import Browser, BrowserContext, Page, Response
from playwright.async_api import Error as PlaywrightError

from auditor.models import Edge, PageState, Press, Settings, ViewportWalk
from auditor.observe import lexicon
from auditor.observe.chat import CHAT_GLOBALS
from auditor.progress import PageSink
from auditor.walk import interact
from auditor.walk.guard import Guard
from auditor.walk.robots import RobotsCache
from auditor.walk.scope import Scope, normalise_url
from auditor.walk.snapshot import Snapshot, StateBook, extract_script
from auditor.walk.viewports import Viewport, context_options

MAX_PRESSES_PER_PAGE = 12
MAX_PRESS_DEPTH = 3
NAV_TIMEOUT_MS = 15_000
PRESS_TIMEOUT_MS = 1_200
RECYCLE_EVERY = 100
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
SETTLE_JS = """() => new Promise((resolve) => {
  const finite = document.getAnimations().filter((a) => {
    try { return a.effect && a.effect.getComputedTiming().endTime < 2000; }
    catch (e) { return false; }
  });
  const timer = setTimeout(resolve, 800);
  Promise.all(finite.map((a) => a.finished.catch(() => null))).then(() =>
    requestAnimationFrame(() => requestAnimationFrame(() => { clearTimeout(timer); resolve(); })));
})"""


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

    def __len__(self) -> int:
        return sum(1 for i in self._heap if i.url not in self.done)


class ShotWriter:
    """Numbers evidence screenshots; paths are relative to the output folder."""

    def __init__(self, out_dir: Path | None, viewport: str) -> None:
        self.out_dir = out_dir
        self.viewport = viewport
        self._n = itertools.count(1)

    async def take(self, page: Page, highlight: str | None = None) -> str | None:
        if self.out_dir is None:
            return None
        rel = f"screenshots/{self.viewport}-{next(self._n):03d}.jpg"
        target = self.out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            if highlight:
                await page.evaluate(HIGHLIGHT_JS, highlight)
            await page.screenshot(path=str(target), type="jpeg", quality=70, timeout=5_000)
        except PlaywrightError:
            return None
        return rel


HIGHLIGHT_JS = """(sel) => {
  let el = null;
  try { el = document.querySelector(sel); } catch (e) { el = null; }
  if (!el) return false;
  el.scrollIntoView({block: 'center', inline: 'nearest'});
  el.style.outline = '4px solid #e5484d';
  el.style.outlineOffset = '2px';
  return true;
}"""


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
        context = await self.browser.new_context(
            **context_options(self.vp, self.settings.user_agent_suffix)
        )
        self._context = context
        self.frontier.push(normalise_url(start_url), 0, 10.0)
        try:
            workers = [self._worker(i) for i in range(max(1, self.settings.parallel))]
            await asyncio.gather(*workers)
        finally:
            self.walk.blocked = list(self.guard.blocked)
            await context.close()
        if len(self.frontier) and "time" not in self.walk.budget_exhausted:
            self.walk.budget_exhausted.append("pages")
        return self.walk

    def _on_popup(self, page: Page) -> None:
        """A new tab opened by a press is part of the journey: note it, then close it."""
        self._popups.append(page.url)
        task = asyncio.ensure_future(page.close())
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def _new_page(self) -> Page:
        assert self._context is not None
        page = await self._context.new_page()
        page.set_default_timeout(NAV_TIMEOUT_MS)
        page.on("dialog", lambda d: asyncio.ensure_future(d.dismiss()))
        page.on("popup", self._on_popup)
        await self.guard.attach(self._context, page)
        return page

    def _out_of_budget(self) -> bool:
        if time.monotonic() > self.deadline:
            if "time" not in self.walk.budget_exhausted:
                self.walk.budget_exhausted.append("time")
            return True
        return len(self.walk.pages) + self._active >= self.settings.max_pages

    async def _worker(self, index: int) -> None:
        page = await self._new_page()
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
                    if used and used % RECYCLE_EVERY == 0:
                        await page.close()
                        page = await self._new_page()
                    used += 1
                    if not await self._visit(page, item.url, item.clicks):
                        # A failed navigation leaves a late error page behind that would
                        # interrupt the next one: start that tab afresh.
                        await page.close()
                        page = await self._new_page()
                finally:
                    async with self._cond:
                        self._active -= 1
                        self._cond.notify_all()
        finally:
            await page.close()

    async def _visit(self, page: Page, url: str, clicks: int) -> bool:
        """Load and observe one page; False when the tab should be replaced."""
        if not await self.robots.allowed(url):
            self.walk.skipped_by_robots.append(url)
            return True
        await self.rate.wait(url)
        state = PageState(url=url, requested_url=url)
        started = time.perf_counter()
        try:
            response = await page.goto(url, wait_until="load", timeout=NAV_TIMEOUT_MS)
        except PlaywrightError as exc:
            state.error = _nav_error(str(exc))
            state.load_ms = (time.perf_counter() - started) * 1000
            self._record(state)
            return False
        state.url = normalise_url(page.url)
        if response is not None:
            state.status = response.status
            state.redirect_chain = _redirect_chain(response)
            state.content_language = response.headers.get("content-language")
            ctype = response.headers.get("content-type", "text/html")
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
        if not self.walk.pages:
            await _quiet_wait(page)
        book = StateBook(state)
        healthy = True
        try:
            await self._observe(page, book)
        except PlaywrightError as exc:
            state.error = _nav_error(str(exc))
            healthy = False
        state.load_ms = (time.perf_counter() - started) * 1000
        state = book.finish()
        state.bot_wall = _is_bot_wall(state, response)
        if (state.status and state.status >= 400) or state.login_wall or state.bot_wall:
            state.screenshot = await self.shots.take(page)
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

    async def _evaluate(self, page: Page, known: dict[str, int], full: bool) -> Snapshot:
        raw = await page.evaluate(
            extract_script(),
            {
                "known": known,
                "full": full,
                "hover": full and not self.vp.mobile,
                "globals": CHAT_GLOBALS,
            },
        )
        return Snapshot.parse(str(raw))

    async def _observe(self, page: Page, book: StateBook) -> None:
        snap = await self._evaluate(page, {}, True)
        if await self._dismiss_consent(page, snap):
            snap = await self._evaluate(page, {}, True)
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
        book.absorb(snap, 0, None)
        if state.login_wall:
            return
        await self._press_all(page, book, snap)

    async def _dismiss_consent(self, page: Page, snap: Snapshot) -> bool:
        """Accept a cookie banner without counting a click (DESIGN §4), and say so."""
        for raw in snap.elements:
            if raw.get("kind") == "link" or not raw.get("visible"):
                continue
            label = interact.label_of(raw)
            if not lexicon.is_consent_accept(label):
                continue
            try:
                await page.locator(f'[data-cfa-id="{raw["id"]}"]').click(timeout=PRESS_TIMEOUT_MS)
                await page.evaluate(SETTLE_JS)
            except PlaywrightError:
                return False
            self.walk.consent_dismissed.append(page.url)
            return True
        return False

    async def _press_all(self, page: Page, book: StateBook, snap: Snapshot) -> None:
        state = book.state
        done: set[str] = set()
        queue = interact.candidates(list(book.controls.values()), done)
        queue += [
            interact.Candidate(h.id, "expand", h.label, h.selector, 2.0, hover=True)
            for h in snap.hovers
        ]
        presses = 0
        start_url = normalise_url(page.url)
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
            locator = page.locator(f'[data-cfa-id="{cand.element_id}"]')
            popups_before = len(self._popups)
            try:
                if cand.hover:
                    await locator.hover(timeout=PRESS_TIMEOUT_MS)
                else:
                    await locator.click(timeout=PRESS_TIMEOUT_MS, no_wait_after=True)
                await page.evaluate(SETTLE_JS)
            except PlaywrightError:
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
            )
            state.presses.append(press)
            navigated = self._popups[popups_before:] or (
                [page.url] if normalise_url(page.url) != start_url else []
            )
            if navigated:
                press.navigated_to = normalise_url(navigated[0])
                self._add_press_edge(state, press.navigated_to, cand, depth - 1)
                break
            try:
                snap = await self._evaluate(page, book.known(), False)
            except PlaywrightError:
                break
            fresh = book.absorb(snap, depth, cand.element_id)
            press.revealed = len(fresh)
            new_controls = [book.controls[e.id] for e in fresh if e.id in book.controls]
            if new_controls:
                queue += interact.candidates(new_controls, done)
                queue.sort(key=lambda c: -c.priority)

    def _add_press_edge(
        self, state: PageState, target: str, cand: interact.Candidate, depth: int
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
                )
            )
            est = clicks + el.depth + 1
            if est <= self.settings.max_depth:
                self.frontier.push(target, est, lexicon.support_score(label, target))


def _nav_error(message: str) -> str:
    first = message.strip().splitlines()[0] if message.strip() else "navigation failed"
    if "ERR_TOO_MANY_REDIRECTS" in message:
        return "redirect_loop"
    if "Timeout" in first or "timeout" in first:
        return "timeout"
    return f"network: {first[:200]}"


def _redirect_chain(response: Response) -> list[str]:
    chain: list[str] = []
    req = response.request.redirected_from
    while req is not None:
        chain.insert(0, req.url)
        req = req.redirected_from
    return chain


def _is_bot_wall(state: PageState, response: Response | None) -> bool:
    if state.status not in (403, 429, 503):
        return False
    if response is not None and response.headers.get("cf-mitigated"):
        return True
    text = (state.title + " " + " ".join(b.text for b in state.text_blocks[:20])).lower()
    return any(marker in text for marker in BOT_WALL_MARKERS)


async def _quiet_wait(page: Page) -> None:
    """Chat widgets load lazily: give the start page a short idle wait."""
    try:
        await page.wait_for_load_state("networkidle", timeout=1_500)
    except PlaywrightError:
        return
