"""The client report of real audits, opened in Chromium with the network cut.

report.html must be the whole report on its own (screenshots inlined), must not send a
single request, must still show its screenshots after a rescore into another folder,
must draw the deflection loop of the worst fixture site on each layout, must fit a
390 px phone, and must print to a paginated PDF.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright
from typer.testing import CliRunner

from auditor.browser import find_chromium, launch_args
from auditor.cli import app
from reports.build import load_report
from reports.render import render_all
from tests.conftest import AuditCache

pytestmark = pytest.mark.browser


@contextmanager
def chromium() -> Iterator[Browser]:
    """Opened only after the audits ran: the walk's event loop and this one cannot nest."""
    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=find_chromium(), args=launch_args(loopback_only=True)
        )
        try:
            yield b
        finally:
            b.close()


def _open_offline(browser: Browser, html: Path, width: int = 1280) -> tuple[Page, list[str]]:
    """Open ``html`` with every request but the file itself recorded and refused."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    leaked: list[str] = []

    def guard(route: Route) -> None:
        if route.request.url == html.as_uri():
            route.continue_()
        else:
            leaked.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.goto(html.as_uri())
    page.wait_for_load_state("load")
    return page, leaked


def _images(page: Page) -> list[dict[str, object]]:
    return page.eval_on_selector_all(
        "img",
        "els => els.map(e => ({data: e.src.startsWith('data:image/'),"
        " ok: e.complete && e.naturalWidth > 0}))",
    )


def test_report_html_alone_is_the_whole_report(audits: AuditCache, tmp_path: Path) -> None:
    audited = audits.get("he-rtl")  # audited with screenshots
    alone = tmp_path / "mailed" / "report.html"
    alone.parent.mkdir()
    shutil.copy(audited.out / "report.html", alone)  # without its screenshots folder
    with chromium() as browser:
        page, leaked = _open_offline(browser, alone)
        images = _images(page)
        missing = page.locator(".shot.missing").count()
        # A thumbnail opens full size without script: its own :target figure fills the window.
        thumb = page.locator("#journey .shot a.open").first
        small = thumb.bounding_box()  # the crop window (its image may be zoomed)
        thumb.click()
        opened = page.evaluate(
            """() => {
                const t = document.querySelector(':target');
                const r = t.getBoundingClientRect();
                const i = t.querySelector('img').getBoundingClientRect();
                return {h: r.height, w: r.width, vh: innerHeight, vw: innerWidth, img: i.width};
            }"""
        )
        page.locator(":target a.close").click()
        closed = page.evaluate("document.querySelector(':target') === null")
    assert small is not None and opened["h"] == opened["vh"] and opened["w"] == opened["vw"]
    assert opened["img"] > small["width"] * 2, (opened, small)
    assert closed
    assert leaked == [], f"report.html sent requests: {leaked}"
    assert images, "the journey shows its screenshots"
    assert all(i["data"] and i["ok"] for i in images), images
    assert missing == 0


def test_a_rescored_report_still_shows_the_original_screenshots(
    audits: AuditCache, tmp_path: Path
) -> None:
    audited = audits.get("he-rtl")
    original = tmp_path / "original"
    shutil.copytree(audited.out, original)
    out = tmp_path / "rescored"
    result = CliRunner().invoke(
        app, ["rescore", str(original / "observations.json"), "--out", str(out)]
    )
    assert result.exit_code in (0, 1, 3), result.output
    assert not (out / "screenshots").exists()
    report = load_report(out / "report.json")
    lost = next(s.screenshot for m in report.milestones.values() for s in m.path if s.screenshot)
    assert lost is not None
    with chromium() as browser:
        page, leaked = _open_offline(browser, out / "report.html")
        images = _images(page)
        assert leaked == [] and images and all(i["data"] and i["ok"] for i in images)

        # A screenshot lost since: a visible placeholder, never a broken image.
        (original / lost).unlink()
        render_all(report, out, ["html"], asset_dirs=[original])
        page, leaked = _open_offline(browser, out / "report.html")
        images = _images(page)
        placeholder = page.locator(".shot.missing").first
        assert placeholder.is_visible()
        assert "image missing" in placeholder.inner_text().lower()
    assert leaked == []
    assert all(i["ok"] for i in images), "no broken image icon"


def test_the_deflection_loop_is_drawn_on_each_layout(audits: AuditCache) -> None:
    audited = audits.get("en-deflection-loop")
    viewports = audited.report.viewports  # type: ignore[attr-defined]
    with chromium() as browser:
        page, leaked = _open_offline(browser, audited.out / "report.html")
        drawn = {vp: page.locator(f"#journey-{vp} .loop svg").count() for vp in viewports}
        caption = page.inner_text(f"#journey-{viewports[0]} .loop figcaption")
        verdict = page.inner_text("#verdict")
        brand = page.inner_text("#brand")
        title = page.title()
        problems = page.locator("#top-problems li").count()
    assert leaked == []
    assert len(viewports) == 2 and all(n == 1 for n in drawn.values()), drawn
    assert "contact" in caption and "faq" in caption and "back to" in caption
    assert brand == "Streamly" and title.startswith("Streamly")
    assert "Streamly" in verdict and "grade" in verdict
    assert problems == 3


@pytest.mark.parametrize("site", ["en-deflection-loop", "he-rtl", "northwind-demo"])
def test_the_phone_layout_fits_390_px(audits: AuditCache, site: str) -> None:
    html = audits.get(site).out / "report.html"
    with chromium() as browser:
        page, _ = _open_offline(browser, html, width=390)
        width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{site}: the report is {width}px wide at a 390px viewport"


def test_pdf_is_printed_by_chromium_with_cover_header_and_page_numbers(
    audits: AuditCache, tmp_path: Path
) -> None:
    audited = audits.get("he-rtl")
    report = load_report(audited.out / "report.json")
    pdf = render_all(report, tmp_path, ["pdf"], asset_dirs=[audited.out])["pdf"]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
    assert pages >= 3, pages  # a cover page, then the body
    if shutil.which("pdftotext") is None:
        return
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    first, second = text.split("\f")[:2]
    assert "Page 1 of" in first and "Page 2 of" in second
    assert report.brand and report.brand in second  # the running header
    assert report.profile.id in second or (report.profile.name or "") in second
    assert "In five minutes" in first.replace("IN FIVE MINUTES", "In five minutes")
    assert "The journey" not in first  # the cover page stands alone
