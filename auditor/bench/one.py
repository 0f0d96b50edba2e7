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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", choices=["auditor", "baseline"], required=True)
    ap.add_argument("--url", required=True)
    ap.add_argument("--max-pages", type=int, required=True)
    ap.add_argument("--parallel", type=int, default=3)
    args = ap.parse_args()
    began = time.perf_counter()
    if args.mode == "baseline":
        loaded = asyncio.run(baseline_walk(args.url, args.max_pages, find_chromium()))
        wall = time.perf_counter() - began
        print(json.dumps({"pages": len(loaded), "wall": wall}))
        return
    settings = Settings(max_pages=args.max_pages, parallel=args.parallel, screenshots=False)
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
