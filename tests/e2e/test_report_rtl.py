"""The HTML report of a real audit of the right-to-left fixture site, opened in Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from auditor.browser import find_chromium, launch_args
from tests.conftest import AuditCache

pytestmark = pytest.mark.browser


def test_rtl_report_shows_everything_of_its_json_and_loads_nothing(audits: AuditCache) -> None:
    audited = audits.get("he-rtl")
    report = audited.report
    html_path = audited.out / "report.html"
    assert html_path.is_file()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=find_chromium(), args=launch_args(loopback_only=True)
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(html_path.as_uri())
        text = page.inner_text("body")
        images = page.eval_on_selector_all(
            "img", "els => els.map(e => ({src: e.src, ok: e.complete && e.naturalWidth > 0}))"
        )
        hebrew_dirs = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                 .filter(e => e.children.length === 0 && /[\\u0590-\\u05ff]/.test(e.textContent))
                 .map(e => getComputedStyle(e).direction)"""
        )
        browser.close()
    outside = [u for u in requests if not u.startswith(html_path.parent.as_uri())]
    assert outside == [], f"the report requested something outside its folder: {outside}"
    assert images and all(i["ok"] for i in images), "every evidence screenshot should load"
    assert hebrew_dirs and all(d == "rtl" for d in hebrew_dirs), hebrew_dirs
    for name, milestone in report.milestones.items():  # type: ignore[attr-defined]
        assert milestone.reached, name
        assert str(milestone.clicks) in text
    for channel in report.channels:  # type: ignore[attr-defined]
        shown = channel.value if channel.kind != "form" else channel.value.rsplit("/", 1)[-1]
        assert shown in text, f"channel {channel.kind} {channel.value} missing from the HTML"
    for finding in report.findings:  # type: ignore[attr-defined]
        assert finding.title in text, f"finding {finding.slug} missing from the HTML"
