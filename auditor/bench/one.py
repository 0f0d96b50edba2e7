"""One measured run (auditor or baseline) in its own process, so the parent can measure
the CPU time and memory of its whole process tree, Chromium included.  Prints one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from auditor.audit import run_audit
from auditor.bench.baseline import baseline_walk
from auditor.bench.generate import SCRIPT_LINK, TINY_FOOTER, generate
from auditor.browser import find_chromium
from auditor.derive import derive
from auditor.models import Observations, Settings


def _path(url: str | None) -> str:
    return urlsplit(url or "").path


def check_truth(obs: Observations) -> dict[str, object]:
    """Did the fast walk see what was planted, with the labelled numbers?"""
    truth = generate(products=1, posts=1, articles_per_category=1).truth
    desk = obs.walk("desktop")
    view = derive(obs)
    checks: dict[str, bool] = {}
    contact = view.milestones.get("contact")
    checks["contact_clicks"] = bool(contact and contact.clicks == truth["contact_clicks"])
    channels = {(c.kind, c.value): c.clicks for c in view.channels}
    for key, clicks in truth["channels"].items():  # type: ignore[attr-defined]
        checks[f"channel_{key[0]}"] = channels.get(key) == clicks
    home = desk.pages[0] if desk and desk.pages else None
    els = home.elements if home else []
    hidden = [e for e in els if e.href and _path(e.href) == truth["hidden_href"]]
    checks["hidden_link_not_visible"] = bool(hidden) and not any(e.visible for e in hidden)
    script = [e for e in els if e.href and _path(e.href) == SCRIPT_LINK["href"]]
    checks["script_link_found"] = bool(
        script
        and script[0].visible
        and script[0].box is not None
        and abs(script[0].box.x - float(SCRIPT_LINK["x"])) <= 2  # type: ignore[arg-type]
        and abs(script[0].box.y - float(SCRIPT_LINK["y"])) <= 2  # type: ignore[arg-type]
        and script[0].font_size == SCRIPT_LINK["font"]
    )
    tiny = [e for e in els if e.href and _path(e.href) == TINY_FOOTER["href"]]
    checks["tiny_footer_font"] = bool(
        tiny and tiny[0].font_size == TINY_FOOTER["font"] and tiny[0].region == "footer"
    )
    return {"ok": all(checks.values()), "checks": checks}


def pages_to_contact(obs: Observations) -> int | None:
    desk = obs.primary()
    contact = derive(obs).milestones.get("contact")
    if desk is None or contact is None or not contact.reached:
        return None
    for i, page in enumerate(desk.pages, 1):
        if page.url == contact.url:
            return i
    return None


class _PageClock:
    """When each page of the primary walk was recorded (seconds since the audit began)."""

    def __init__(self) -> None:
        self.began = time.perf_counter()
        self.at: dict[str, list[float]] = {}

    def page(
        self, viewport: str, count: int, url: str, status: int | None, clicks: int | None = None
    ) -> None:
        self.at.setdefault(viewport, []).append(time.perf_counter() - self.began)


def loads_to_milestone(obs: Observations, name: str = "contact") -> int | None:
    """Browser page loads until the milestone's page and every page on its path were loaded:
    a page first seen as an orphan counts only once a link to it was walked too."""
    walk = obs.primary()
    milestone = derive(obs).milestones.get(name)
    if walk is None or milestone is None or not milestone.reached:
        return None
    wanted = {milestone.url, *(s.url for s in milestone.path if s.url)}
    index: dict[str, int] = {}
    for i, page in enumerate(walk.pages, 1):
        index.setdefault(page.url, i)
        index.setdefault(page.requested_url, i)
    found = [index[u] for u in wanted if u in index]
    return max(found) if found else None


def static_case(url: str, max_pages: int, parallel: int, static: bool) -> dict[str, object]:
    """One desktop audit of the help-centre site, with or without the static tier."""
    settings = Settings(
        max_pages=max_pages,
        parallel=parallel,
        screenshots=False,
        viewports=["desktop"],
        static=static,
        time_limit_s=600.0,
    )
    clock = _PageClock()
    with tempfile.TemporaryDirectory() as tmp:
        obs = run_audit(url, settings, Path(tmp), progress=clock)
    loads = loads_to_milestone(obs)
    times = clock.at.get("desktop", [])
    contact = derive(obs).milestones.get("contact")
    return {
        "pages": sum(len(w.pages) for w in obs.walks),
        "wall": time.perf_counter() - clock.began,
        "loads_to_contact": loads,
        "wall_to_contact": times[loads - 1] if loads and loads <= len(times) else None,
        "contact_clicks": contact.clicks if contact and contact.reached else None,
        "contact_url": _path(contact.url) if contact and contact.reached else None,
        "static_s": obs.static.seconds if obs.static else 0.0,
        "proposed": [c.url for c in obs.static.candidates if c.proposed] if obs.static else [],
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", choices=["auditor", "baseline"], required=True)
    ap.add_argument("--url", required=True)
    ap.add_argument("--max-pages", type=int, required=True)
    ap.add_argument("--parallel", type=int, default=3)
    ap.add_argument("--static", choices=["on", "off"], default=None)
    args = ap.parse_args()
    began = time.perf_counter()
    if args.static is not None:
        result = static_case(args.url, args.max_pages, args.parallel, args.static == "on")
        print(json.dumps(result))
        return
    if args.mode == "baseline":
        loaded = asyncio.run(baseline_walk(args.url, args.max_pages, find_chromium()))
        wall = time.perf_counter() - began
        print(json.dumps({"pages": len(loaded), "wall": wall}))
        return
    # The generated site is ours, on loopback: the polite public default (10 loads/s per
    # host) would measure the rate limit, not the walk.
    settings = Settings(
        max_pages=args.max_pages, parallel=args.parallel, screenshots=False, rate_per_host=200.0
    )
    with tempfile.TemporaryDirectory() as tmp:
        obs = run_audit(args.url, settings, Path(tmp))
    wall = time.perf_counter() - began
    pages = sum(len(w.pages) for w in obs.walks)
    result = {
        "pages": pages,
        "wall": wall,
        "status": obs.status,
        "pages_to_contact": pages_to_contact(obs),
        "truth": check_truth(obs),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
