"""One audit: walk every viewport, observe each page, compute the journey, keep evidence.

This is the only place that owns a browser for a whole audit; it writes
``observations.json`` so that everything after it can run without one.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from playwright.async_api import Browser, async_playwright

from auditor import __version__
from auditor.browser import find_chromium, launch_args
from auditor.journey import is_dead_end, summarise
from auditor.models import Observations, PageFacts, PageState, Settings, ToolInfo, ViewportWalk
from auditor.observe.facts import observe_page
from auditor.observe.region import guess_region
from auditor.progress import PageSink
from auditor.walk.crawler import RateLimiter, ShotWriter, Walker
from auditor.walk.egress_proxy import browser_egress
from auditor.walk.evidence import capture
from auditor.walk.guard import Protection, protect
from auditor.walk.httpclient import audit_client
from auditor.walk.linkcheck import check_links
from auditor.walk.politeness import PoliteRate
from auditor.walk.robots import RobotsCache
from auditor.walk.scope import Scope, normalise_url
from auditor.walk.viewports import VIEWPORTS


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def page_facts(state: PageState, region: str | None) -> PageFacts:
    """Observe one page state (pure, no browser).

    A dead end (HTTP error, failed load, sign-in page) is a fact about the journey, not a
    place where a channel or a procedure is offered: it gets its kind and nothing else.
    """
    facts = observe_page(state, region=region)
    if is_dead_end(state):
        return PageFacts(url=facts.url, kind=facts.kind, lang=facts.lang)
    return facts


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

    def submit(self, state: PageState) -> None:
        if not self._fixed:
            self.region = guess_region(self.start_url, state.lang)
            self._fixed = True
        self._pending[id(state)] = self._pool.submit(page_facts, state, self.region)

    def collect(self, walk: ViewportWalk) -> None:
        walk.facts = [
            self._pending.pop(id(s)).result()
            if id(s) in self._pending
            else page_facts(s, self.region)
            for s in walk.pages
        ]

    def close(self) -> None:
        self._pool.shutdown(wait=True)


def judge_status(obs: Observations) -> None:
    """complete | partial | inconclusive | failed, with a one-line reason."""
    starts = [w.pages[0] for w in obs.walks if w.pages]
    if not starts or all(_unreachable(p) for p in starts):
        obs.status = "failed"
        first = starts[0] if starts else None
        why = (first.error or f"HTTP {first.status}") if first else "no page could be loaded"
        obs.status_reason = f"start page unreachable: {why}"
    elif any(p.bot_wall for p in starts):
        obs.status = "inconclusive"
        obs.status_reason = "blocked by a bot wall (challenge page) at the start URL"
    elif any("time" in w.budget_exhausted for w in obs.walks):
        obs.status = "partial"
        obs.status_reason = (
            f"time limit of {obs.settings.time_limit_s:g}s reached before the walk ended"
        )
    else:
        obs.status = "complete"
        pages = [w for w in obs.walks if "pages" in w.budget_exhausted]
        if pages:
            obs.status_reason = f"page budget of {obs.settings.max_pages} reached (walk bounded)"


def _unreachable(page: PageState) -> bool:
    return (page.error is not None and page.status is None) or (
        page.status is not None and page.status >= 500 and not page.bot_wall
    )


async def _walk_all(
    obs: Observations,
    browser: Browser,
    out_dir: Path | None,
    progress: PageSink | None,
    protection: Protection,
) -> None:
    settings = obs.settings
    scope = Scope(obs.start_url, per_template=settings.max_pages_per_template)
    user_agent = f"Mozilla/5.0 {settings.user_agent_suffix}"
    async with audit_client(obs.start_url, user_agent) as http:
        robots = RobotsCache(http, obey=settings.obey_robots)
        rate: RateLimiter = PoliteRate(settings.rate_per_host, robots, protection.pace)
        begun = time.monotonic()
        names = settings.viewports
        observer = Observer(obs.start_url, settings.region)
        shots: dict[str, ShotWriter] = {}
        walkers: dict[str, Walker] = {}
        for i, name in enumerate(names):
            deadline = begun + settings.time_limit_s * (i + 1) / len(names)
            shots[name] = ShotWriter(out_dir if settings.screenshots else None, name)
            walker = Walker(
                browser, VIEWPORTS[name], settings, scope, robots, rate, deadline, shots[name]
            )
            walker.progress = progress
            walker.on_page = observer.submit
            walkers[name] = walker
            obs.walks.append(await walker.run(obs.start_url))
            obs.walks[-1].robots = robots.statuses()
            obs.walks[-1].skipped_by_template = list(scope.skipped_by_template)
        first = obs.walks[0].pages[0] if obs.walks and obs.walks[0].pages else None
        obs.final_url = first.url if first else None
        for walk in obs.walks:
            observer.collect(walk)
        observer.close()
        obs.region = observer.region
        summarise(obs)
        for walk in obs.walks:
            walk.link_checks = await check_links(
                http,
                walk,
                scope,
                robots,
                pace=protection.pace,
                deadline=begun + settings.time_limit_s,
            )
        if settings.screenshots and out_dir is not None:
            for walk in obs.walks:
                walker = walkers[walk.viewport]
                await capture(
                    browser,
                    walker.vp,
                    settings,
                    walk.milestones,
                    shots[walk.viewport],
                    walker.guard,
                )
                walk.blocked = list(walker.guard.blocked)
            primary = obs.primary()
            if primary:
                obs.milestones = dict(primary.milestones)


async def run_audit_async(
    start_url: str,
    settings: Settings,
    out_dir: Path | None = None,
    executable: str | None = None,
    progress: PageSink | None = None,
) -> Observations:
    obs = Observations(
        tool=ToolInfo(version=__version__),
        start_url=normalise_url(start_url),
        started_at=utc_now(),
        settings=settings,
    )
    exe = executable or find_chromium()
    async with async_playwright() as pw, browser_egress(obs.start_url) as proxy:
        browser = await pw.chromium.launch(
            executable_path=exe,
            headless=True,
            args=launch_args(start_url=obs.start_url, proxy=proxy),
        )
        protection = protect(browser, obs.start_url, max_bytes=settings.max_page_bytes)
        try:
            await _walk_all(obs, browser, out_dir, progress, protection)
        finally:
            await browser.close()
    obs.finished_at = utc_now()
    judge_status(obs)
    return obs


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
