"""Headless Chromium for the report tests: no network, system binary, common.md flags."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from auditor.browser import find_chromium, launch_args

CHROMIUM = find_chromium()
ARGS = launch_args(loopback_only=True)

FAKE_PAGE = """<!doctype html><html lang="{lang}" dir="{dir}">
<body style="margin:0;font:16px sans-serif">
<header style="background:#123a6b;color:#fff;padding:14px 20px;font-weight:700">Telco</header>
<main style="padding:24px"><h1 style="margin:0 0 12px">{title}</h1>
<p style="color:#555">{body}</p><div style="height:60px;background:#e8eef8;border-radius:8px"></div>
</main></body></html>"""


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def make_screenshots(browser: Browser, out_dir: Path, names: list[str]) -> None:
    """Real PNG screenshots of small fake pages (set_content: no request leaves)."""
    page = browser.new_page(viewport={"width": 800, "height": 500})
    try:
        for name in names:
            rtl = "contact" in name or "complaints" in name
            html = FAKE_PAGE.format(
                lang="he" if rtl else "en",
                dir="rtl" if rtl else "ltr",
                title="צרו קשר" if rtl else name.split("/")[-1].removesuffix(".png"),
                body="טלפון: ‎*2707" if rtl else "How can we help you today?",
            )
            page.set_content(html)
            target = out_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(target))
    finally:
        page.close()
