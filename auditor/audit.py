"""One audit: walk every viewport, observe each page, replay the evidence.

This is the only place that owns a browser for a whole audit.  It returns the raw
``Observations`` (saved as ``observations.json``); everything derived from them (facts,
clicks, milestones, channels) is computed by ``auditor.derive`` at judge time.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from playwright.async_api import Browser, async_playwright
from playwright.async_api import Error as PlaywrightError

from auditor import __version__
from auditor.browser import find_chromium, launch_args
from auditor.derive import FactsCache, derive
from auditor.models import (
    AuditStatus,
    Budget,
    Observations,
    PageError,
    PageFacts,
    PageState,
    Settings,
    ToolInfo,
    ViewportWalk,
)
from auditor.observe.facts import observe_page
from auditor.observe.lexicon import intents
from auditor.observe.owner import brand_names
from auditor.observe.region import guess_region
from auditor.progress import PageSink
from auditor.static import StaticPlan, run_static
from auditor.walk.crawler import RateLimiter, ShotWriter, Walker
from auditor.walk.driver import DriverError
from auditor.walk.egress_proxy import browser_egress
from auditor.walk.evidence import capture
from auditor.walk.guard import Protection, protect
from auditor.walk.httpclient import audit_client
from auditor.walk.linkcheck import check_links
from auditor.walk.politeness import PoliteRate
from auditor.walk.robots import RobotsCache
from auditor.walk.scope import SUPPORT_INTENTS, Scope, normalise_url
from auditor.walk.viewports import VIEWPORTS


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class Observer:
    """Observes pages on a worker thread while the browser loads the next ones.

    The observers are pure Python and the walk mostly waits on Chromium, so overlapping
    the two takes the observation off the audit's critical path.  The phone region is
    fixed at the first page (configuration, else the start page's language and TLD).
    """

    def __init__(self, start_url: str, configured: str | None) -> None:
        self.start_url = start_url
        self.region: str | None = configured.upper() if configured else None
        self._fixed = configured is not None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="observe")
        self._pending: dict[int, Future[PageFacts]] = {}
        self.facts: dict[tuple[str, int], PageFacts] = {}
        self.brand: tuple[str, ...] | None = None

    def submit(self, state: PageState) -> Future[PageFacts]:
        if self.brand is None:  # the start page: what the derive stage reads it from too
            host = urlsplit(self.start_url).hostname or ""
            self.brand = brand_names(state.title, state.jsonld, host)
        if not self._fixed:
            self.region = guess_region(self.start_url, state.lang)
            self._fixed = True
        pending = self._pool.submit(observe_page, state, region=self.region, brand=self.brand)
        self._pending[id(state)] = pending
        return pending

    def collect(self, walk: ViewportWalk) -> None:
        """Keep the facts of ``walk``'s pages for the derive stage (same function, same region)."""
        for i, state in enumerate(walk.pages):
            pending = self._pending.pop(id(state), None)
            if pending is not None:
                self.facts[(walk.viewport, i)] = pending.result()

    def close(self) -> None:
        self._pool.shutdown(wait=True)


def judge_status(obs: Observations, interrupted: str | None = None) -> None:
    """complete | partial | inconclusive | failed, with a one-line reason."""
    starts = [w.pages[0] for w in obs.walks if w.pages]
    if interrupted and not starts:
        obs.status = AuditStatus.FAILED
        obs.status_reason = f"{interrupted} before the start page was observed"
    elif starts and all(p.rate_limited for p in starts):
        obs.status = AuditStatus.INCONCLUSIVE
        refused = starts[0]
        obs.status_reason = (
            f"the site answered HTTP {refused.status} (slow down) at the start URL after "
            f"{refused.retries} retr{'y' if refused.retries == 1 else 'ies'}: try again later"
        )
    elif not starts or all(_unreachable(p) for p in starts):
        obs.status = AuditStatus.FAILED
        first = starts[0] if starts else None
        why = (first.error or f"HTTP {first.status}") if first else _nothing_loaded(obs)
        if first and first.error and "Download is starting" in first.error:
            obs.status_reason = "start page is not an HTML page (the browser downloads it)"
        else:
            obs.status_reason = f"start page unreachable: {why}"
    elif all(_not_a_start(p) for p in starts):
        # An error page or a document is not the brand's site: nothing on it is a result.
        obs.status = AuditStatus.FAILED
        obs.status_reason = _not_a_start(starts[0]) or ""
    elif any(p.bot_wall for p in starts):
        obs.status = AuditStatus.INCONCLUSIVE
        obs.status_reason = "blocked by a bot wall (challenge page) at the start URL"
    elif any(Budget.TIME in w.budget_exhausted for w in obs.walks):
        obs.status = AuditStatus.PARTIAL
        obs.status_reason = (
            f"time limit of {obs.settings.time_limit_s:g}s reached before the walk ended"
        )
    elif unseen := sorted({p.url for w in obs.walks for p in w.pages if p.rate_limited}):
        obs.status = AuditStatus.PARTIAL
        obs.status_reason = (
            f"{len(unseen)} page(s) still answered 'slow down' (HTTP 429/503) after "
            f"retries and were not seen, e.g. {unseen[0]}"
        )
    elif unloaded := sorted({p.url for w in obs.walks for p in w.pages if _not_seen(p)}):
        obs.status = AuditStatus.PARTIAL
        obs.status_reason = (
            f"{len(unloaded)} page(s) could not be loaded or read (timeout, network error "
            f"or over the size cap) and were not seen, e.g. {unloaded[0]}"
        )
    elif barred := _support_pages_barred(obs):
        obs.status = AuditStatus.PARTIAL
        obs.status_reason = (
            f"robots.txt bars {len(barred)} contact, help or complaint page(s), which were "
            f"not seen, e.g. {barred[0]} (--ignore-robots visits them where allowed)"
        )
    else:
        obs.status = AuditStatus.COMPLETE
        pages = [w for w in obs.walks if Budget.PAGES in w.budget_exhausted]
        if pages:
            obs.status_reason = f"page budget of {obs.settings.max_pages} reached (walk bounded)"
    if interrupted and starts and obs.status in ("complete", "partial"):
        pages_seen = sum(len(w.pages) for w in obs.walks)
        obs.status = AuditStatus.PARTIAL
        obs.status_reason = f"{interrupted}: the walk stopped after {pages_seen} page(s)"


def _nothing_loaded(obs: Observations) -> str:
    """Why no page at all was loaded: robots.txt said no (say how it was read), or nothing."""
    for walk in obs.walks:
        if walk.skipped_by_robots:
            how = "; ".join(f"{origin}: {status}" for origin, status in walk.robots.items())
            statuses = list(walk.robots.values())
            if statuses and all(_no_connection(s) for s in statuses):
                # No connection at all (a 5xx or a stalled robots.txt is an answer, read
                # as RFC 9309 asks): the site is down.
                return f"the site did not answer (robots.txt: {how})"
            detail = f" ({how})" if how else ""
            return (
                f"robots.txt disallows the start page{detail}; "
                "--ignore-robots for an authorised audit"
            )
    return "no page could be loaded"


def _no_connection(robots_status: str) -> bool:
    return "unreachable" in robots_status and any(
        e in robots_status for e in ("ConnectError", "ConnectTimeout")
    )


def _support_pages_barred(obs: Observations) -> list[str]:
    """Pages robots.txt kept the walk from whose link or address promises contact, help or
    a complaint: what they hold is unknown, so absence there is no finding.  A barred
    /cart or /search says nothing of complaining."""
    barred: set[str] = set()
    for walk in obs.walks:
        labels: dict[str, list[str]] = {}
        for edge in walk.edges:
            labels.setdefault(edge.target, []).append(edge.label)
        for url in walk.skipped_by_robots:
            said = [intents(label, url) for label in labels.get(url, [""])]
            if any(found & SUPPORT_INTENTS for found in said):
                barred.add(url)
    return sorted(barred)


def _not_seen(page: PageState) -> bool:
    """A page the walk wanted but could not load or read: a timeout, a lost connection or
    a page over the size cap says nothing about what it holds, so an audit without it is
    partial.  A redirect loop, a download or an address that does not exist is a fact
    about the site."""
    error = page.error or ""
    if error == PageError.TIMEOUT or page.size_capped:
        return True
    return error.startswith("network:") and "ERR_NAME_NOT_RESOLVED" not in error


def _unreachable(page: PageState) -> bool:
    """No page to observe: no answer, a 5xx, or a page that loops or hangs its script."""
    stuck = page.error in (PageError.NAVIGATION_LOOP, PageError.TIMEOUT)
    return (page.error is not None and (page.status is None or stuck)) or (
        page.status is not None and page.status >= 500 and not page.bot_wall
    )


def _not_a_start(page: PageState) -> str | None:
    """Why a start page that answered is still no site to audit; None when it is one.

    A 4xx answer (not a bot wall's challenge, which is inconclusive) or a document that is
    not HTML: judging it would grade an error page (DESIGN §8a).
    """
    if page.status is not None and 400 <= page.status < 500 and not page.bot_wall:
        return f"start page answered HTTP {page.status}"
    if page.error and page.error.startswith(str(PageError.NOT_HTML)):
        kind = page.error.split(":", 1)[1].strip() if ":" in page.error else "unknown type"
        return f"start page is not an HTML page ({kind})"
    return None


# The static tier may use this share of the time limit, and never more than STATIC_MAX_S.
STATIC_SHARE = 0.10
STATIC_MAX_S = 30.0
# After the walk's time is up, link checks and evidence get at most this long.
AFTER_WALK_GRACE_S = 3.0
BROWSER_CLOSE_TIMEOUT_S = 5.0


class _AuditRun:
    """The stages of one audit on one browser: walk, derive, then check links and photograph.

    The walk records into ``obs`` as it goes, so when it is cut short (a signal, a browser
    crash) ``derive`` still turns what was seen into a partial audit.
    """

    def __init__(
        self,
        obs: Observations,
        browser: Browser,
        http: httpx.AsyncClient,
        out_dir: Path | None,
        progress: PageSink | None,
        protection: Protection,
    ) -> None:
        settings = obs.settings
        self.protection = protection
        self.obs = obs
        self.browser = browser
        self.http = http
        self.out_dir = out_dir
        self.progress = progress
        self.scope = Scope(obs.start_url, per_template=settings.max_pages_per_template)
        self.begun = time.monotonic()
        self.end = self.begun + settings.time_limit_s
        # Link checks and evidence share one grace period after the walk's time is up.
        self.hard_end = self.end + AFTER_WALK_GRACE_S
        self.robots = RobotsCache(http, obey=settings.obey_robots, deadline=self.end)
        self.observer = Observer(obs.start_url, settings.region)
        self.shots: dict[str, ShotWriter] = {}
        self.walkers: dict[str, Walker] = {}
        self._derived = False
        self.facts: FactsCache = {}
        self.rate: RateLimiter = PoliteRate(
            settings.rate_per_host, self.robots, self.protection.pace
        )
        self.static: StaticPlan | None = None

    async def map_statically(self) -> None:
        """Sitemaps and cheap fetches first, within a tenth of the time limit: they only
        rank the walk's frontier and propose pages for the browser to confirm."""
        settings = self.obs.settings
        if not settings.static:
            return
        budget = min(settings.time_limit_s * STATIC_SHARE, STATIC_MAX_S)
        user_agent = self.http.headers.get("User-Agent", "")
        async with audit_client(self.obs.start_url, user_agent, http2=True) as client:
            self.static = await run_static(
                self.obs.start_url, client, self.robots, self.rate, self.scope, budget
            )
        self.obs.static = self.static.map

    async def walk(self) -> None:
        settings = self.obs.settings
        rate = self.rate
        names = settings.viewports
        begun = time.monotonic()
        for i, name in enumerate(names):
            deadline = begun + (self.end - begun) * (i + 1) / len(names)
            self.shots[name] = ShotWriter(self.out_dir if settings.screenshots else None, name)
            walker = Walker(
                self.browser,
                VIEWPORTS[name],
                settings,
                self.scope,
                self.robots,
                rate,
                deadline,
                self.shots[name],
            )
            walker.progress = self.progress
            walker.on_page = self._on_page(name)
            if self.static is not None:
                walker.frontier.boost = dict(self.static.boosts)
                walker.proposals = list(self.static.proposals)
            self.walkers[name] = walker
            self.obs.walks.append(walker.walk)  # recorded as it goes: kept if cut short
            await walker.run(self.obs.start_url)
            walker.walk.robots = self.robots.statuses()
            walker.walk.skipped_by_template = list(self.scope.skipped_by_template)

    def _on_page(self, viewport: str) -> Callable[[PageState], None]:
        """Observe each page as it comes; tell the progress display what kind it was."""

        def seen(state: PageState) -> None:
            pending = self.observer.submit(state)
            found = getattr(self.progress, "found", None)
            if callable(found):
                url = state.url
                pending.add_done_callback(
                    lambda f: None if f.exception() else found(viewport, url, f.result())
                )

        return seen

    def derive(self) -> None:
        """Facts, clicks and milestones of whatever was walked (pure, no browser)."""
        if self._derived:
            return
        self._derived = True
        obs = self.obs
        first = obs.walks[0].pages[0] if obs.walks and obs.walks[0].pages else None
        obs.final_url = first.url if first else None
        for walk in obs.walks:
            self.observer.collect(walk)
        self.observer.close()
        self.facts = self.observer.facts

    def _time_left(self) -> float:
        return max(0.0, self.hard_end - time.monotonic())

    async def check_links(self) -> None:
        """Support links that were not walked, within the time left."""
        for walk in self.obs.walks:
            try:
                walk.link_checks = await asyncio.wait_for(
                    check_links(
                        self.http,
                        walk,
                        self.scope,
                        self.robots,
                        pace=self.protection.pace,
                        deadline=self.end,
                    ),
                    self._time_left(),
                )
            except TimeoutError:
                walk.budget_exhausted.append(Budget.TIME)
                return

    async def evidence(self) -> None:
        obs = self.obs
        if not obs.settings.screenshots or self.out_dir is None:
            return
        deadline = time.monotonic() + self._time_left()
        view = derive(obs, self.facts)  # which paths to photograph
        for wv in view.walks:
            walker = self.walkers[wv.viewport]
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    capture(
                        self.browser,
                        walker.vp,
                        obs.settings,
                        wv.milestones,
                        self.shots[wv.viewport],
                        walker.guard,
                        deadline,
                        wv.raw,
                    ),
                    max(0.5, deadline - time.monotonic() + 1.0),
                )
            wv.raw.blocked = list(walker.guard.blocked)


async def _run_stages(run: _AuditRun) -> None:
    await run.map_statically()
    await run.walk()
    run.derive()
    await run.check_links()
    await run.evidence()


class Interruption:
    """Why an audit stopped early (a signal, the browser gone); the first reason wins."""

    def __init__(self) -> None:
        self.reason: str | None = None
        self.finished = False  # our own browser.close() disconnects too: not a crash
        self._task: asyncio.Task[None] | None = None

    def watch(self, task: asyncio.Task[None]) -> None:
        self._task = task

    def stop(self, reason: str) -> None:
        if self.finished:
            return
        if self.reason is None:
            self.reason = reason
        if self._task is not None and not self._task.done():
            self._task.cancel()


def _install_signal_handlers(stop: Interruption) -> list[signal.Signals]:
    """SIGINT and SIGTERM cancel the walk; the audit then ends with what it has."""
    loop = asyncio.get_running_loop()
    installed = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.stop, f"interrupted by {sig.name}")
        except (NotImplementedError, RuntimeError, ValueError):
            continue  # not the main thread, or no signals here: the caller handles it
        installed.append(sig)
    return installed


def _remove_signal_handlers(installed: list[signal.Signals]) -> None:
    loop = asyncio.get_running_loop()
    for sig in installed:
        loop.remove_signal_handler(sig)


async def run_audit_async(
    start_url: str,
    settings: Settings,
    out_dir: Path | None = None,
    executable: str | None = None,
    progress: PageSink | None = None,
) -> Observations:
    """Audit one site; an interruption or a browser crash returns a partial audit."""
    obs = Observations(
        tool=ToolInfo(version=__version__),
        start_url=normalise_url(start_url),
        started_at=utc_now(),
        settings=settings,
    )
    exe = executable or find_chromium()
    stop = Interruption()
    facts: FactsCache = {}
    installed = _install_signal_handlers(stop)
    try:
        async with async_playwright() as pw, browser_egress(obs.start_url) as proxy:
            browser = await pw.chromium.launch(
                executable_path=exe,
                headless=True,
                args=launch_args(start_url=obs.start_url, proxy=proxy),
                handle_sigint=False,
                handle_sigterm=False,
                handle_sighup=False,
            )
            browser.on("disconnected", lambda _: stop.stop("the browser crashed or was closed"))
            protection = protect(browser, obs.start_url, max_bytes=settings.max_page_bytes)
            user_agent = f"Mozilla/5.0 {settings.user_agent_suffix}"
            try:
                async with audit_client(obs.start_url, user_agent) as http:
                    run = _AuditRun(obs, browser, http, out_dir, progress, protection)
                    await _until_stopped(run, stop)
                    facts = run.facts
            finally:
                stop.finished = True
                await _close_browser(browser)
    finally:
        _remove_signal_handlers(installed)
    obs.finished_at = utc_now()
    judge_status(obs, stop.reason)
    derive(obs, facts)  # primes the derive cache: judging the audit observes nothing twice
    return obs


async def _until_stopped(run: _AuditRun, stop: Interruption) -> None:
    if stop.reason is not None:  # interrupted while the browser started
        run.derive()
        return
    task = asyncio.ensure_future(_run_stages(run))
    stop.watch(task)
    try:
        await task
    except asyncio.CancelledError:
        if stop.reason is None:
            raise  # cancelled from outside: not ours to absorb
    except (PlaywrightError, DriverError):
        if stop.reason is None and run.browser.is_connected():
            raise
        stop.stop(stop.reason or "the browser crashed or was closed")
    if stop.reason is not None:
        run.derive()


async def _close_browser(browser: Browser) -> None:
    try:
        await asyncio.wait_for(browser.close(), BROWSER_CLOSE_TIMEOUT_S)
    except (PlaywrightError, TimeoutError):
        return


def run_audit(
    start_url: str,
    settings: Settings,
    out_dir: Path | None = None,
    executable: str | None = None,
    progress: PageSink | None = None,
) -> Observations:
    return asyncio.run(run_audit_async(start_url, settings, out_dir, executable, progress))


def write_observations(obs: Observations, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(obs.model_dump_json(indent=1), encoding="utf-8")


def load_observations(path: Path) -> Observations:
    return Observations.model_validate_json(path.read_text(encoding="utf-8"))
