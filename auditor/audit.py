"""One audit: walk every viewport, observe each page, replay the evidence.

This is the only place that owns a browser for a whole audit.  It returns the raw
``Observations`` (saved as ``observations.json``); everything derived from them (facts,
clicks, milestones, channels) is computed by ``auditor.derive`` at judge time.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from playwright.async_api import Browser, async_playwright

from auditor import __version__
from auditor.browser import find_chromium, launch_args
from auditor.derive import FactsCache, derive
from auditor.models import (
    AuditStatus,
    Budget,
    Observations,
    PageFacts,
    PageState,
    Settings,
    ToolInfo,
    ViewportWalk,
)
from auditor.observe.facts import observe_page
from auditor.observe.owner import brand_names
from auditor.observe.region import guess_region
from auditor.progress import PageSink
from auditor.walk.crawler import RateLimiter, ShotWriter, Walker
from auditor.walk.evidence import capture
from auditor.walk.linkcheck import check_links
from auditor.walk.robots import RobotsCache
from auditor.walk.scope import Scope, is_loopback, normalise_url
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

    def submit(self, state: PageState) -> None:
        if self.brand is None:  # the start page: what the derive stage reads it from too
            host = urlsplit(self.start_url).hostname or ""
            self.brand = brand_names(state.title, state.jsonld, host)
        if not self._fixed:
            self.region = guess_region(self.start_url, state.lang)
            self._fixed = True
        self._pending[id(state)] = self._pool.submit(
            observe_page, state, region=self.region, brand=self.brand
        )

    def collect(self, walk: ViewportWalk) -> None:
        """Keep the facts of ``walk``'s pages for the derive stage (same function, same region)."""
        for i, state in enumerate(walk.pages):
            pending = self._pending.pop(id(state), None)
            if pending is not None:
                self.facts[(walk.viewport, i)] = pending.result()

    def close(self) -> None:
        self._pool.shutdown(wait=True)


def judge_status(obs: Observations) -> None:
    """complete | partial | inconclusive | failed, with a one-line reason."""
    starts = [w.pages[0] for w in obs.walks if w.pages]
    if not starts or all(_unreachable(p) for p in starts):
        obs.status = AuditStatus.FAILED
        first = starts[0] if starts else None
        why = (first.error or f"HTTP {first.status}") if first else "no page could be loaded"
        obs.status_reason = f"start page unreachable: {why}"
    elif any(p.bot_wall for p in starts):
        obs.status = AuditStatus.INCONCLUSIVE
        obs.status_reason = "blocked by a bot wall (challenge page) at the start URL"
    elif any(Budget.TIME in w.budget_exhausted for w in obs.walks):
        obs.status = AuditStatus.PARTIAL
        obs.status_reason = (
            f"time limit of {obs.settings.time_limit_s:g}s reached before the walk ended"
        )
    else:
        obs.status = AuditStatus.COMPLETE
        pages = [w for w in obs.walks if Budget.PAGES in w.budget_exhausted]
        if pages:
            obs.status_reason = f"page budget of {obs.settings.max_pages} reached (walk bounded)"


def _unreachable(page: PageState) -> bool:
    return (page.error is not None and page.status is None) or (
        page.status is not None and page.status >= 500 and not page.bot_wall
    )


async def _walk_all(
    obs: Observations, browser: Browser, out_dir: Path | None, progress: PageSink | None
) -> FactsCache:
    settings = obs.settings
    scope = Scope(obs.start_url)
    headers = {"User-Agent": f"Mozilla/5.0 {settings.user_agent_suffix}"}
    async with httpx.AsyncClient(headers=headers, follow_redirects=False) as http:
        robots = RobotsCache(http, obey=settings.obey_robots)
        rate = RateLimiter(settings.rate_per_host)
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
        first = obs.walks[0].pages[0] if obs.walks and obs.walks[0].pages else None
        obs.final_url = first.url if first else None
        for walk in obs.walks:
            observer.collect(walk)
        observer.close()
        view = derive(obs, observer.facts)
        for walk in obs.walks:
            walk.link_checks = await check_links(http, walk, scope, robots)
        if settings.screenshots and out_dir is not None:
            for wv in view.walks:
                walker = walkers[wv.viewport]
                await capture(
                    browser,
                    walker.vp,
                    settings,
                    wv.milestones,
                    shots[wv.viewport],
                    walker.guard,
                    wv.raw.evidence,
                )
                wv.raw.blocked = list(walker.guard.blocked)
        return observer.facts


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
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=exe,
            headless=True,
            args=launch_args(loopback_only=is_loopback(start_url)),
        )
        try:
            facts = await _walk_all(obs, browser, out_dir, progress)
        finally:
            await browser.close()
    obs.finished_at = utc_now()
    judge_status(obs)
    derive(obs, facts)  # primes the derive cache: judging the audit observes nothing twice
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
