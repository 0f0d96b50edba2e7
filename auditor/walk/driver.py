"""The few things the walk needs from a browser tab, each bounded by the time left.

The walk and the evidence replay talk to a ``PageDriver``, never to Playwright: the
seam lets the action interpreter be tested against an in-memory page, and it is the one
place where every wait gets a timeout.  Playwright's ``evaluate`` and ``close`` have no
timeout of their own (a ``while(true)`` after load or a meta-refresh loop would hold the
audit forever), so each call here is wrapped in ``asyncio.wait_for`` with the smaller of
its own limit and the time left before the deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from playwright.async_api import BrowserContext, Frame, Locator, Page, Response, Route
from playwright.async_api import Error as PlaywrightError

from auditor.walk.snapshot import (
    Snapshot,
    extract_script,
    late_init_script,
    settle_late_script,
)

NAV_TIMEOUT_S = 15.0
PRESS_TIMEOUT_S = 1.2
EVAL_TIMEOUT_S = 10.0
SETTLE_TIMEOUT_S = 3.0
SHOT_TIMEOUT_S = 5.0
CLOSE_TIMEOUT_S = 3.0
NEW_TAB_TIMEOUT_S = 10.0
# The least any call gets, even past the deadline: enough to fail fast, not to hang.
MIN_WAIT_S = 0.25
# Main-frame navigations no visitor asked for, in one load, before it counts as a loop
# (meta refresh or an on-load ``location`` assignment that never settles).
LOOP_NAVIGATIONS = 6
LOOP_WINDOW_S = 0.4
# Late content (DESIGN §4: waiting and scrolling are free, within bounds): the longest wait
# after a load, the DOM quiet that ends it early, the viewports scrolled through at most.
LATE_MAX_S = 4.5
# After a press: the longest wait for what it started (late_init.js PRESS_WINDOW is 1.5 s).
PRESS_LATE_MAX_S = 1.6
LATE_QUIET_MS = 80
LATE_SCREENS = 8
# Iframes observed per page state (ads and trackers nest frames without end).
MAX_FRAMES = 10
FRAME_CALL_S = 2.0
# Where an iframe's viewport sits in its parent's viewport, whether it shows, and the
# parent's scroll (the top page's scroll turns viewport coordinates into page coordinates).
FRAME_BOX_JS = """(el) => {
  const r = el.getBoundingClientRect();
  const shown = r.width >= 2 && r.height >= 2 &&
    el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  return {x: r.left + el.clientLeft, y: r.top + el.clientTop, visible: shown,
          sx: window.scrollX, sy: window.scrollY};
}"""
SETTLE_JS = """() => new Promise((resolve) => {
  const finite = document.getAnimations().filter((a) => {
    try { return a.effect && a.effect.getComputedTiming().endTime < 2000; }
    catch (e) { return false; }
  });
  const timer = setTimeout(resolve, 800);
  Promise.all(finite.map((a) => a.finished.catch(() => null))).then(() =>
    requestAnimationFrame(() => requestAnimationFrame(() => { clearTimeout(timer); resolve(); })));
})"""
HIGHLIGHT_JS = """([id, sel]) => {
  // Ids and selectors may point into open shadow roots (extract.js joins a host's selector
  // and the path inside its root with ' >> ').
  const find = (css) => {
    const stack = [document];
    while (stack.length) {
      const root = stack.shift();
      const hit = root.querySelector(css);
      if (hit) return hit;
      for (const e of root.querySelectorAll('*')) if (e.shadowRoot) stack.push(e.shadowRoot);
    }
    return null;
  };
  const chain = (s) => {
    let scope = document, el = null;
    for (const part of s.split(' >> ')) {
      el = scope.querySelector(part);
      if (!el) return null;
      scope = el.shadowRoot || el;
    }
    return el;
  };
  let el = null;
  try {
    el = id ? find('[data-cfa-id="' + id + '"]') : chain(sel);
  } catch (e) { el = null; }
  if (!el) return false;
  el.scrollIntoView({block: 'center', inline: 'nearest'});
  el.style.outline = '4px solid #e5484d';
  el.style.outlineOffset = '2px';
  return true;
}"""

LOCATE_JS = """(el) => {
  let id = el.getAttribute('data-cfa-id');
  if (!id) {
    window.__cfaJ = (window.__cfaJ || 0) + 1;
    id = 'j' + window.__cfaJ;
    el.setAttribute('data-cfa-id', id);
  }
  const tag = el.tagName.toLowerCase();
  const type = (el.getAttribute('type') || '').toLowerCase();
  const label = (el.getAttribute('aria-label') || el.innerText || el.value || el.title || '')
    .trim();
  const r = el.getBoundingClientRect();
  return {id, tag, type, label, inForm: !!el.closest('form') || !!el.form,
          href: el.href || null, visible: r.width > 0 && r.height > 0};
}"""

T = TypeVar("T")


class DriverError(Exception):
    """A page operation failed; ``kind`` is the page error the walk records."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


@dataclass
class Loaded:
    """What a navigation answered."""

    url: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    redirect_chain: list[str] = field(default_factory=list)
    scrolled: float = 0.0
    settle_ms: float = 0.0


class PageDriver(Protocol):
    """One browser tab as the walk uses it."""

    @property
    def url(self) -> str: ...

    @property
    def navigations(self) -> int:
        """Main-frame navigations since the last ``load``."""
        ...

    @property
    def navigation_requests(self) -> int:
        """Main-frame navigation requests since the last ``load`` (redirects included):
        a press that raised this but not ``navigations`` started a navigation that has
        not committed yet."""
        ...

    async def load(self, url: str) -> Loaded: ...

    async def extract(self, known: dict[str, int], full: bool, extra: dict[str, Any]) -> Snapshot:
        """Run the in-page observation script (``extract.js``)."""
        ...

    async def wait_loaded(self) -> None:
        """Wait for the load of a navigation the page started itself."""
        ...

    async def self_navigating(self) -> bool:
        """Is the page still navigating with nobody pressing anything?"""
        ...

    async def press(self, element_id: str) -> None: ...

    async def hover(self, element_id: str) -> None: ...

    async def select(self, element_id: str, option: str) -> None:
        """Choose the option labelled ``option`` of a drop-down (one click, DESIGN §4)."""
        ...

    async def settle(self) -> None:
        """Wait for the effects of a press (finite animations, two frames)."""
        ...

    async def quiet(self, seconds: float) -> None:
        """Give lazy widgets a short idle wait."""
        ...

    async def screenshot(self, path: Path, highlight_id: str | None, selector: str | None) -> bool:
        """Scroll the highlighted element into view, outline it, and photograph the page."""
        ...

    async def close(self) -> None: ...


@dataclass
class Located:
    """An element a journey step names, as the page shows it (stamped with a data-cfa-id)."""

    element_id: str
    tag: str
    type: str
    label: str
    in_form: bool
    href: str | None = None
    visible: bool = True

    @property
    def submits(self) -> bool:
        """Would pressing it submit a form (DESIGN §8: never)?"""
        if self.tag == "input" and self.type in ("submit", "image"):
            return True
        return self.tag == "button" and self.in_form and self.type in ("", "submit")


class JourneyDriver(PageDriver, Protocol):
    """What a scripted journey needs beyond the walk: find elements as a user names them."""

    async def locate(
        self,
        role: str | None,
        name: str | None,
        text: str | None,
        selector: str | None,
        exact: bool,
    ) -> Located | None:
        """The first element matching (role + accessible name, text or selector), or None."""
        ...

    async def fill(self, element_id: str, value: str) -> None:
        """Type into a field; nothing is submitted."""
        ...

    async def key(self, element_id: str, key: str) -> None: ...

    async def wait_for(
        self, text: str | None, selector: str | None, url: str | None, seconds: float
    ) -> bool:
        """True when the text/selector is visible or the URL contains ``url`` in time."""
        ...


class Clock:
    """The deadline every wait is measured against."""

    def __init__(self, deadline: float, grace: float = 0.0) -> None:
        self.deadline = deadline
        self.grace = grace

    def budget(self, limit: float) -> float:
        left = self.deadline + self.grace - time.monotonic()
        return max(MIN_WAIT_S, min(limit, left))

    def expired(self) -> bool:
        return time.monotonic() > self.deadline + self.grace


class PlaywrightDriver:
    """``PageDriver`` over one Playwright page."""

    def __init__(self, page: Page, clock: Clock) -> None:
        self.page = page
        self.clock = clock
        self._navs = 0
        self._nav_requests = 0
        self._closed = False
        # Iframes get an id prefix of their own (their ids are stamped by their own script).
        self._frame_prefix: dict[Frame, str] = {}
        page.on("framenavigated", self._on_navigated)
        page.on("request", self._on_request)

    @classmethod
    async def open(
        cls,
        context: BrowserContext,
        clock: Clock,
        setup: Callable[[Page], Awaitable[Any]] | None = None,
    ) -> PlaywrightDriver:
        """A new tab; ``setup`` attaches what must be on the page before it loads (the guard)."""
        # Not cut by the deadline: a tab is only opened for a page that is still in budget.
        page = await _bounded(context.new_page(), NEW_TAB_TIMEOUT_S, "new tab")
        page.set_default_timeout(NAV_TIMEOUT_S * 1000)
        page.on("dialog", lambda d: asyncio.ensure_future(_quietly(_answer_dialog(d))))
        driver = cls(page, clock)
        await _bounded(page.add_init_script(script=late_init_script()), NEW_TAB_TIMEOUT_S, "init")
        if setup is not None:
            await _bounded(setup(page), NEW_TAB_TIMEOUT_S, "tab setup")
        return driver

    def _on_navigated(self, frame: Any) -> None:
        if frame == self.page.main_frame:
            self._navs += 1

    def _on_request(self, request: Any) -> None:
        with contextlib.suppress(PlaywrightError):
            if request.is_navigation_request() and request.frame == self.page.main_frame:
                self._nav_requests += 1

    @property
    def url(self) -> str:
        return self.page.url

    @property
    def navigations(self) -> int:
        return self._navs

    @property
    def navigation_requests(self) -> int:
        return self._nav_requests

    async def load(self, url: str) -> Loaded:
        self._navs = 0
        self._nav_requests = 0
        self._frame_prefix = {}
        timeout = self.clock.budget(NAV_TIMEOUT_S)
        nav = asyncio.ensure_future(
            self.page.goto(url, wait_until="load", timeout=timeout * 1000 + 500)
        )
        response = await self._unless_looping(nav, timeout)
        if response is None and "#" in url:
            # Only the fragment changed (a hash route of the document already shown): the
            # app would re-render on its own time; a fresh load shows the route for sure.
            reload = asyncio.ensure_future(
                self.page.reload(wait_until="load", timeout=timeout * 1000 + 500)
            )
            response = await self._unless_looping(reload, timeout)
        loaded = Loaded(url=self.page.url)
        if response is not None:
            loaded.status = response.status
            loaded.headers = dict(response.headers)
            loaded.redirect_chain = _redirect_chain(response)
        loaded.scrolled, loaded.settle_ms = await self.late_content()
        return loaded

    async def late_content(self) -> tuple[float, float]:
        """Scroll a page that watches scrolling, then wait for what it still has pending.

        Content injected on a timer or on first scroll is on its page (DESIGN §4), so the
        walk and the evidence replay both see it; the wait ends as soon as nothing is
        pending and the DOM is quiet, so a static page pays one round trip.  A failure here
        is no fact about the page: what shows is observed as it is.
        """
        budget = self.clock.budget(LATE_MAX_S)
        args = {"max_ms": budget * 1000, "quiet_ms": LATE_QUIET_MS, "screens": LATE_SCREENS}
        try:
            raw = await self._call(
                self.page.evaluate(settle_late_script(), args), budget + 1.0, "late content"
            )
        except DriverError:
            return 0.0, 0.0
        if not isinstance(raw, dict):
            return 0.0, 0.0
        return float(raw.get("scrolled") or 0), float(raw.get("waited") or 0)

    async def _unless_looping(self, nav: asyncio.Future[Response | None], timeout: float) -> Any:
        """Await a navigation, giving up early when the page keeps navigating by itself."""
        end = time.monotonic() + timeout
        try:
            while True:
                done, _ = await asyncio.wait({nav}, timeout=0.1)
                if done:
                    return nav.result()
                if self._navs > LOOP_NAVIGATIONS:
                    raise DriverError("navigation_loop", f"{self._navs} navigations on load")
                if time.monotonic() > end:
                    raise DriverError("timeout", "navigation")
        except PlaywrightError as exc:
            raise _driver_error(exc) from None
        finally:
            if not nav.done():
                nav.cancel()
                nav.add_done_callback(_swallow)

    async def extract(self, known: dict[str, int], full: bool, extra: dict[str, Any]) -> Snapshot:
        args = {"known": known, "full": full, **extra}
        attempts = 3
        for _ in range(attempts):
            try:
                raw = await self._call(
                    self.page.evaluate(extract_script(), args), EVAL_TIMEOUT_S, "script"
                )
                snap = Snapshot.parse(str(raw))
                await self._extract_frames(snap, known)
                return snap
            except DriverError as exc:
                # The page navigated by itself (an on-load redirect): observe where it went,
                # unless it keeps doing so.
                if exc.kind != "navigated":
                    raise
                if self._navs > LOOP_NAVIGATIONS:
                    break
                await self.wait_loaded()
        raise DriverError("navigation_loop", f"{self._navs} navigations while observing")

    async def _extract_frames(self, snap: Snapshot, known: dict[str, int]) -> None:
        """Observe each iframe (same- or cross-origin) as part of the page that embeds it.

        Geometry is moved into the top page's coordinates by the frame's place; a frame
        that does not show hides everything in it.  A frame that fails to answer is left
        out: it never fails the page.
        """
        frames = [f for f in self.page.frames if f != self.page.main_frame][:MAX_FRAMES]
        if not frames:
            return
        size = self.page.viewport_size
        height = size["height"] if size else 768
        origins: dict[Frame, tuple[float, float, bool]] = {}
        for frame in frames:
            if frame.is_detached() or frame.url.startswith("chrome-error:"):
                continue
            try:
                place = await self._frame_place(frame, origins)
                if place is None:
                    continue
                prefix = self._frame_prefix.setdefault(frame, f"F{len(self._frame_prefix) + 1}_")
                spot = {"prefix": prefix, "x": place[0], "y": place[1], "visible": place[2]}
                args = {
                    "known": known,
                    "full": False,
                    "hover": False,
                    "frame": {**spot, "url": frame.url, "vh": height},
                }
                raw = await self._call(
                    frame.evaluate(extract_script(), args), FRAME_CALL_S * 2, "frame script"
                )
            except DriverError:
                continue
            snap.merge_frame(Snapshot.parse(str(raw)))

    async def _frame_place(
        self, frame: Frame, origins: dict[Frame, tuple[float, float, bool]]
    ) -> tuple[float, float, bool] | None:
        """The frame's viewport origin in top-page coordinates, and whether it shows."""
        parent = frame.parent_frame
        if parent is None:
            return None
        handle = await self._call(frame.frame_element(), FRAME_CALL_S, "frame element")
        box = await self._call(handle.evaluate(FRAME_BOX_JS), FRAME_CALL_S, "frame box")
        if parent == self.page.main_frame:
            base = (float(box["sx"]), float(box["sy"]), True)
        elif parent in origins:
            base = origins[parent]
        else:
            return None
        place = (base[0] + float(box["x"]), base[1] + float(box["y"]), base[2] and box["visible"])
        origins[frame] = place
        return place

    def _frame_of(self, element_id: str | None) -> Page | Frame:
        """The page, or the iframe whose id prefix the element id carries."""
        if element_id and element_id.startswith("F") and "_" in element_id:
            prefix = element_id[: element_id.index("_") + 1]
            for frame, known in self._frame_prefix.items():
                if known == prefix and not frame.is_detached():
                    return frame
        return self.page

    def _locate(self, element_id: str) -> Locator:
        """The element by its stamped id (locators pierce open shadow roots)."""
        return self._frame_of(element_id).locator(f'[data-cfa-id="{element_id}"]')

    async def self_navigating(self) -> bool:
        """Is the page still navigating by itself (a meta refresh or ``location`` loop)?

        Only a page that already navigated again since its load pays for the look.
        """
        if self._navs <= 1:
            return False
        before = self._navs
        await asyncio.sleep(LOOP_WINDOW_S)
        return self._navs > before

    async def wait_loaded(self) -> None:
        try:
            await self._call(
                self.page.wait_for_load_state("load", timeout=self.clock.budget(5.0) * 1000),
                5.0,
                "load",
            )
        except DriverError as exc:
            if exc.kind != "navigated":
                raise
        await asyncio.sleep(0.05)

    async def press(self, element_id: str) -> None:
        """Click the element; ``not_pressable`` when it is covered, hidden or gone."""
        locator = self._locate(element_id)
        budget = self.clock.budget(PRESS_TIMEOUT_S)
        try:
            await _bounded(
                locator.click(timeout=budget * 1000, no_wait_after=True), budget + 1, "press"
            )
        except PlaywrightError as exc:
            raise DriverError("not_pressable", str(exc).splitlines()[0][:200]) from None

    async def hover(self, element_id: str) -> None:
        locator = self._locate(element_id)
        budget = self.clock.budget(PRESS_TIMEOUT_S)
        try:
            await _bounded(locator.hover(timeout=budget * 1000), budget + 1, "hover")
        except PlaywrightError as exc:
            raise DriverError("not_pressable", str(exc).splitlines()[0][:200]) from None

    async def select(self, element_id: str, option: str) -> None:
        locator = self._locate(element_id)  # in its frame, when it sits in an iframe
        budget = self.clock.budget(PRESS_TIMEOUT_S)
        try:
            await _bounded(
                locator.select_option(label=option, timeout=budget * 1000), budget + 1, "select"
            )
        except PlaywrightError as exc:
            raise DriverError("not_pressable", str(exc).splitlines()[0][:200]) from None

    async def settle(self) -> None:
        """Let a press finish: its animations, then what it started (timers, requests,
        scripts: late_init.js watches them from the press on) until the DOM is quiet."""
        await self._call(self.page.evaluate(SETTLE_JS), SETTLE_TIMEOUT_S, "settle")
        budget = self.clock.budget(PRESS_LATE_MAX_S)
        args = {"max_ms": budget * 1000, "quiet_ms": LATE_QUIET_MS, "screens": 0, "pending_only": 1}
        await self._call(self.page.evaluate(settle_late_script(), args), budget + 1.0, "settle")

    async def locate(
        self,
        role: str | None,
        name: str | None,
        text: str | None,
        selector: str | None,
        exact: bool,
    ) -> Located | None:
        page = self.page
        if role:
            locator = page.get_by_role(role, name=name, exact=exact)  # type: ignore[arg-type]
        elif text:
            locator = page.get_by_text(text, exact=exact)
        else:
            locator = page.locator(selector or "")
        try:
            count = await self._call(locator.count(), EVAL_TIMEOUT_S, "locate")
            if count == 0:
                return None
            first = locator.first
            for i in range(min(count, 20)):  # the first visible one, as a user would see it
                candidate = locator.nth(i)
                if await self._call(candidate.is_visible(), EVAL_TIMEOUT_S, "locate"):
                    first = candidate
                    break
            info = await self._call(first.evaluate(LOCATE_JS), EVAL_TIMEOUT_S, "locate")
        except DriverError as exc:
            if exc.kind == "network":  # an invalid selector: nothing matches it
                return None
            raise
        return Located(
            element_id=str(info["id"]),
            tag=str(info["tag"]),
            type=str(info["type"]),
            label=str(info["label"])[:200],
            in_form=bool(info["inForm"]),
            href=info.get("href") or None,
            visible=bool(info.get("visible", True)),
        )

    async def fill(self, element_id: str, value: str) -> None:
        locator = self.page.locator(f'[data-cfa-id="{element_id}"]')
        budget = self.clock.budget(PRESS_TIMEOUT_S * 2)
        try:
            await _bounded(locator.fill(value, timeout=budget * 1000), budget + 1, "fill")
        except PlaywrightError as exc:
            raise DriverError("not_pressable", str(exc).splitlines()[0][:200]) from None

    async def key(self, element_id: str, key: str) -> None:
        locator = self.page.locator(f'[data-cfa-id="{element_id}"]')
        budget = self.clock.budget(PRESS_TIMEOUT_S)
        try:
            await _bounded(
                locator.press(key, timeout=budget * 1000, no_wait_after=True), budget + 1, "key"
            )
        except PlaywrightError as exc:
            raise DriverError("not_pressable", str(exc).splitlines()[0][:200]) from None

    async def wait_for(
        self, text: str | None, selector: str | None, url: str | None, seconds: float
    ) -> bool:
        budget = self.clock.budget(seconds)
        try:
            if url:
                wanted = url
                await _bounded(
                    self.page.wait_for_url(lambda u: wanted in u, timeout=budget * 1000),
                    budget + 1,
                    "wait",
                )
            else:
                locator = self.page.get_by_text(text) if text else self.page.locator(selector or "")
                await _bounded(
                    locator.first.wait_for(state="visible", timeout=budget * 1000),
                    budget + 1,
                    "wait",
                )
        except (PlaywrightError, DriverError):
            return False
        return True

    async def quiet(self, seconds: float) -> None:
        budget = self.clock.budget(seconds)
        try:
            await self._call(
                self.page.wait_for_load_state("networkidle", timeout=budget * 1000),
                budget + 0.5,
                "idle",
            )
        except DriverError:
            return

    async def screenshot(self, path: Path, highlight_id: str | None, selector: str | None) -> bool:
        try:
            if highlight_id or selector:
                await self._call(
                    self._frame_of(highlight_id).evaluate(
                        HIGHLIGHT_JS, [highlight_id or "", selector or ""]
                    ),
                    SHOT_TIMEOUT_S,
                    "highlight",
                )
            budget = self.clock.budget(SHOT_TIMEOUT_S)
            await self._call(
                self.page.screenshot(
                    path=str(path), type="jpeg", quality=70, timeout=budget * 1000
                ),
                budget + 1,
                "screenshot",
            )
        except DriverError:
            return False
        return True

    async def close(self) -> None:
        """Close the tab without waiting on it forever.

        A tab in a navigation loop never answers ``close``; failing every request first
        stops the loop.  A tab that still does not close is left to the context.
        """
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(PlaywrightError, TimeoutError):
            await asyncio.wait_for(self.page.route("**/*", _abort), MIN_WAIT_S * 4)
        try:
            await asyncio.wait_for(self.page.close(), CLOSE_TIMEOUT_S)
        except (PlaywrightError, TimeoutError):
            return

    async def _call(self, coro: Awaitable[T], limit: float, what: str) -> T:
        try:
            return await _bounded(coro, self.clock.budget(limit), what)
        except PlaywrightError as exc:
            raise _driver_error(exc) from None


async def _bounded(coro: Awaitable[T], seconds: float, what: str) -> T:
    try:
        return await asyncio.wait_for(coro, seconds)
    except TimeoutError:
        raise DriverError("timeout", what) from None


async def _abort(route: Route) -> None:
    await _quietly(route.abort())


async def _quietly(coro: Awaitable[Any]) -> None:
    try:
        await coro
    except PlaywrightError:
        return


def _swallow(fut: asyncio.Future[Any]) -> None:
    if not fut.cancelled():
        fut.exception()


def _driver_error(exc: PlaywrightError) -> DriverError:
    message = str(exc)
    first = message.strip().splitlines()[0] if message.strip() else "navigation failed"
    if "ERR_TOO_MANY_REDIRECTS" in message:
        return DriverError("redirect_loop")
    if "Execution context was destroyed" in message:
        return DriverError("navigated", first[:200])
    if ("Target" in first and "closed" in first) or "has been closed" in first:
        return DriverError("closed", first[:200])
    if "Timeout" in first or "timeout" in first:
        return DriverError("timeout", first[:200])
    return DriverError("network", first[:200])


async def _answer_dialog(dialog: Any) -> None:
    """Say no to every dialog (alert, confirm, prompt: nothing is agreed to), except "leave
    this page?": saying no there keeps the tab on the page and cancels the walk's next
    load.  Leaving a page acts on nothing."""
    if dialog.type == "beforeunload":
        await dialog.accept()
    else:
        await dialog.dismiss()


def page_error(exc: DriverError) -> str:
    """The page error string the observations have always used."""
    if exc.kind == "network":
        return f"network: {exc.detail}"
    if exc.kind in ("navigated", "closed"):
        return f"network: {exc.detail}" if exc.detail else "network: page closed"
    return exc.kind


def _redirect_chain(response: Response) -> list[str]:
    chain: list[str] = []
    req = response.request.redirected_from
    while req is not None:
        chain.insert(0, req.url)
        req = req.redirected_from
    return chain
