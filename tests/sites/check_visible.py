"""Check a fixture site's channel click counts by hand, in real Chromium, at both viewports.

A helper for people writing labels.json (not a test, and not the auditor): it serves the site,
walks every same-site link and presses every closed <details> summary and hamburger once per
page (single presses, DESIGN §4 costs), and prints the minimum clicks at which each page and
each VISIBLE phone, star/short number, e-mail, postal substring, form and wa.me link appears,
next to the labelled clicks. It knows nothing about owners: that is for the reader to judge.

    PYTHONPATH=. .venv/bin/python tests/sites/check_visible.py tests/sites/en-owner-mix
"""

from __future__ import annotations

import heapq
import json
import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import phonenumbers
from playwright.sync_api import Browser, sync_playwright

from auditor.siteserver import SiteServer

STAR = re.compile(r"(?<![\d*])\*\d{3,5}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
VIEWPORTS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1366, "height": 768}},
    "mobile": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
GATHER = """() => {
  const vis = e => { const r = e.getBoundingClientRect(); const cs = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.opacity !== '0'
      && e.checkVisibility(); };
  const links = [...document.querySelectorAll('a[href]')].filter(vis).map(a => a.href);
  const forms = [...document.querySelectorAll('form textarea')].filter(vis).length;
  return {text: document.body.innerText, links, forms};
}"""
PRESSABLES = """() => [...document.querySelectorAll(
    'details:not([open]) > summary, button.menu-toggle')]
  .map((e, i) => { e.setAttribute('data-press', String(i)); const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && e.checkVisibility() ? String(i) : null; })
  .filter(x => x)"""


def _page_key(url: str) -> str:
    path = urlsplit(url).path or "/"
    return "/" if path in ("/", "/index.html") else path.removesuffix("index.html")


def _label_key(channel: dict[str, Any]) -> str:
    value = str(channel.get("value", channel.get("value_contains")))
    prefix = {"form": "form:", "whatsapp": "wa:", "social": "link:"}.get(channel["kind"], "")
    return prefix + (value.lower() if channel["kind"] == "email" else value)


class Walk:
    """Minimum clicks per page and per visible contact string, for one viewport."""

    def __init__(self, labels: dict[str, Any], base: str) -> None:
        self.region = str(labels["region"])
        self.base = base
        chans = labels.get("channels", [])
        self.postal = [c["value_contains"] for c in chans if c["kind"] == "postal"]
        self.short = [str(c["value"]) for c in chans if c.get("short_code")]
        self.pages: dict[str, int] = {"/": 0}
        self.things: dict[str, int] = {}

    def _note(self, thing: str, clicks: int) -> None:
        self.things[thing] = min(clicks, self.things.get(thing, clicks))

    def _text(self, text: str, clicks: int) -> None:
        matcher = phonenumbers.PhoneNumberMatcher(
            text, self.region, leniency=phonenumbers.Leniency.VALID
        )
        for match in matcher:
            e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            self._note(e164, clicks)
        found = set(STAR.findall(text)) | {e.lower() for e in EMAIL.findall(text)}
        found |= {p for p in self.postal if p in text}
        digits = re.sub(r"(?<=\d) (?=\d)", "", text)
        found |= {s for s in self.short if re.search(rf"(?<![\d*]){re.escape(s)}(?!\d)", digits)}
        for thing in found:
            self._note(thing, clicks)

    def run(self, browser: Browser, options: dict[str, Any]) -> None:
        context = browser.new_context(**options)
        page = context.new_page()
        heap, done = [(0, "/")], set()
        while heap:
            clicks, path = heapq.heappop(heap)
            if path in done:
                continue
            done.add(path)
            page.goto(self.base + path)
            states = [(clicks, page.evaluate(GATHER))]
            for press in page.evaluate(PRESSABLES):
                page.goto(self.base + path)
                page.evaluate(PRESSABLES)
                page.click(f"[data-press='{press}']")
                states.append((clicks + 1, page.evaluate(GATHER)))
            for cost, state in states:
                self._text(state["text"], cost)
                if state["forms"]:
                    self._note("form:" + path, cost)
                for href in state["links"]:
                    self._link(href, cost, heap)
        context.close()

    def _link(self, href: str, cost: int, heap: list[tuple[int, str]]) -> None:
        parts = urlsplit(href)
        if href.startswith(self.base):
            target = _page_key(href)
            if cost + 1 < self.pages.get(target, 10**6):
                self.pages[target] = cost + 1
                heapq.heappush(heap, (cost + 1, target))
        elif parts.netloc == "wa.me":
            self._note("wa:+" + parts.path.strip("/"), cost)
        elif parts.scheme in ("http", "https"):
            self._note("link:" + href, cost)


def main(site: Path) -> None:
    labels = json.loads((site / "labels.json").read_text(encoding="utf-8"))
    walks = {}
    with SiteServer(site) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for name, options in VIEWPORTS.items():
            walks[name] = Walk(labels, server.url)
            walks[name].run(browser, options)
        browser.close()
    desk, mob = walks["desktop"], walks["mobile"]
    for path in sorted(set(desk.pages) | set(mob.pages)):
        print(f"page {path:40} {desk.pages.get(path)} / {mob.pages.get(path)}")
    wanted = {
        _label_key(c): (c.get("clicks"), c.get("clicks_mobile", c.get("clicks")))
        for c in labels.get("channels", [])
    }
    for thing in sorted(set(desk.things) | set(mob.things) | set(wanted)):
        got = (desk.things.get(thing), mob.things.get(thing))
        want = wanted.get(thing, "unlabelled")
        flag = "" if want == got or (thing.startswith("link:") and thing not in wanted) else "  <--"
        print(f"{thing:48} seen {got} labelled {want}{flag}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
