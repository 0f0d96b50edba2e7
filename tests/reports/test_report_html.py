"""The HTML report: escaped, self-contained, strict CSP; then opened in real Chromium."""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import re
from pathlib import Path

import pytest
from report_browser import chromium, make_screenshots
from report_samples import (
    CONTACT,
    EVIL_TITLE,
    HEBREW_LABEL,
    HEBREW_TITLE,
    make_judgement,
    make_observations,
)

from reports.build import build_report
from reports.html import MAX_INLINE_BYTES, link, render_html, safe_asset_path, write_html
from reports.model import Report
from rules.model import Finding


def test_crawled_text_is_escaped(report: Report) -> None:
    html = render_html(report)
    assert "<script" not in html.lower()
    assert "&lt;script&gt;window.__pwned" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_only_http_urls_become_links(report: Report) -> None:
    html = render_html(report)
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs, "the report links to the pages it cites"
    # Links leave only for http(s); the report's own jumps (lightbox, findings) stay on
    # the page and land on an element that exists ("#close" lands nowhere: it closes).
    outside = [h for h in hrefs if not h.startswith("#")]
    assert outside and all(h.startswith(("https://", "http://")) for h in outside)
    ids = set(re.findall(r'id="([^"]*)"', html))
    assert all(h[1:] in ids for h in hrefs if h.startswith("#") and h != "#close")
    assert "javascript:openChat()" in html  # shown as text …
    assert 'href="javascript' not in html  # … never as a link
    assert str(link("data:text/html,<b>x</b>")).startswith("<span")
    assert 'rel="noopener noreferrer nofollow"' in str(link("https://a.example/"))


def test_no_external_resources_and_csp_hash_matches_the_style(report: Report) -> None:
    html = render_html(report)
    assert "<link" not in html and "@import" not in html and "url(" not in html
    assert not re.search(r'src="(https?:)?//', html)
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp is not None
    policy = html_lib.unescape(csp.group(1))
    assert "default-src 'none'" in policy and "img-src 'self' data:" in policy
    assert "script-src" not in policy  # default-src 'none' covers scripts: none may run
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert len(styles) == 1
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in policy
    assert " style=" not in html  # inline style attributes would be blocked by the CSP


@pytest.mark.parametrize(
    "bad",
    ["../secret.png", "/etc/passwd", "http://evil.example/x.png", "javascript:x", 'a".png', "C:/x"],
)
def test_unsafe_screenshot_paths_are_dropped(bad: str) -> None:
    assert safe_asset_path(bad) is None


def test_safe_screenshot_path_is_kept() -> None:
    assert safe_asset_path("screenshots/desktop-home.png") == "screenshots/desktop-home.png"


def test_inline_images_become_data_uris(report: Report, tmp_path: Path) -> None:
    shot = tmp_path / "screenshots" / "desktop-home.png"
    shot.parent.mkdir()
    shot.write_bytes(b"\x89PNG\r\n\x1a\nfake")
    html = render_html(report, base_dir=tmp_path)  # inlining is the default
    assert 'src="data:image/png;base64,' in html
    # A referenced file that is not there is a visible placeholder, never a broken link.
    assert "screenshots/desktop-help.png" not in html
    assert "image missing" in html
    huge = tmp_path / "screenshots" / "desktop-help.png"
    huge.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * MAX_INLINE_BYTES)
    html = render_html(report, base_dir=tmp_path)
    assert 'src="screenshots/desktop-help.png"' in html  # too big to inline: linked
    linked = render_html(report, base_dir=tmp_path, inline_images=False)
    assert 'src="screenshots/desktop-home.png"' in linked and "data:image" not in linked


def test_partial_audit_is_announced_at_the_top() -> None:
    report = build_report(make_observations("partial"), make_judgement())
    html = render_html(report)
    alert = html.index('role="alert"')
    assert alert < html.index('id="milestones"')
    assert "time limit reached after 41 pages" in html
    complete = render_html(build_report(make_observations(), make_judgement()))
    assert 'role="alert"' not in complete


@pytest.mark.browser
def test_report_in_chromium(tmp_path: Path) -> None:
    report = build_report(make_observations("partial"), make_judgement())
    out = tmp_path / "out"
    shots = sorted(
        {
            s.screenshot
            for vm in report.by_viewport.values()
            for m in vm.milestones.values()
            for s in m.path
            if s.screenshot
        }
        | {e.screenshot for f in report.findings for e in f.evidence if e.screenshot}
    )
    with chromium() as browser:
        make_screenshots(browser, out, shots)
        # Linked, not inlined: screenshots load from the folder beside the file.
        path = write_html(report, out / "report.html", inline_images=False)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        requests: list[str] = []
        console: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: console.append(m.text))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")

        # No request left the output folder.
        assert requests[0] == path.as_uri()
        assert all(u.startswith(out.as_uri() + "/") for u in requests), requests
        assert any(u.endswith(".png") for u in requests)

        # The injected scripts did not run.
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert "pwned" not in page.title()

        # Screenshots load under the CSP (img-src 'self' covers the folder).
        loaded = page.evaluate("[...document.images].map(i => i.complete && i.naturalWidth > 0)")
        assert loaded and all(loaded)

        # Key content.
        body = page.inner_text("body")
        assert page.inner_text("#friction").startswith("62.5")
        assert "grade D" in body
        for title in ("Reach a human", "Find how to complain", "Escalate beyond support"):
            assert title in page.inner_text("#milestones")
        contact_card = page.inner_text("#milestone-contact")
        assert "Desktop" in contact_card and "3 clicks" in contact_card
        assert "Mobile" in contact_card and "4 clicks" in contact_card
        assert "not found" in page.inner_text("#milestone-escalation").lower()
        channels = page.inner_text("#channels")
        for ch in report.channels:
            assert ch.value in channels
        findings = page.inner_text("#findings")
        for f in report.findings:
            assert f.title in findings
        assert findings.index("Contact takes too many clicks") < findings.index(
            "Complaints procedure found"
        )  # fails before passes
        assert "Partial audit" in page.inner_text("#status")
        assert EVIL_TITLE in page.inner_text("#pages")  # shown as text
        assert "Art. 5(1)(c)" in findings and "2002-01-17" in findings
        assert "How to fix" in findings or "HOW TO FIX" in findings
        assert "javascript:openChat()" in channels
        assert page.locator("a[href^='javascript']").count() == 0
        assert page.locator(f"#journey a[href='{CONTACT}']").count() >= 1
        assert page.locator("#journey img").count() >= 5

        # Right-to-left text renders right-to-left; English cells stay left-to-right.
        direction = page.evaluate(
            """(texts) => texts.map(t => {
                const el = [...document.querySelectorAll('[dir=auto]')]
                    .find(e => e.textContent.trim() === t);
                return el ? getComputedStyle(el).direction : null;
            })""",
            [HEBREW_TITLE, HEBREW_LABEL, "Telco — mobile & broadband"],
        )
        assert direction == ["rtl", "rtl", "ltr"]

        assert not [m for m in console if "Content Security Policy" in m and "img" in m]

        page.screenshot(path="/tmp/cfa-report.png", full_page=True)
        pdf = page.pdf(format="A4", print_background=True)
        assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
        (tmp_path / "report.pdf").write_bytes(pdf)


def test_a_failed_audit_with_nothing_observed_renders_everywhere(tmp_path: Path) -> None:
    from reports.render import FORMATS, render_all

    obs = make_observations("failed")
    obs.walks, obs.inventory, obs.milestones = [], [], {}
    obs.obs.status_reason = "site unreachable: connection refused"
    judgement = make_judgement()
    judgement.findings = []
    judgement.score.categories = {}
    report = build_report(obs, judgement)
    report.settings = None
    paths = render_all(report, tmp_path, list(FORMATS))
    html = paths["html"].read_text(encoding="utf-8")
    assert "Failed audit" in html and "connection refused" in html
    assert "No channel was found" in html and "No rule was evaluated" in html
    assert html.count("Not found") == 3  # every milestone card


def test_milestone_card_tone_reflects_depth_and_prominence(report: Report) -> None:
    from reports.view import milestone_cards, milestone_tone

    tones = {c.name: c.tone for c in milestone_cards(report)}
    assert tones == {"contact": "fair", "complaint": "good", "escalation": "bad"}
    assert milestone_tone(True, 1, hidden=True) == "fair"
    assert milestone_tone(True, 6, hidden=False) == "poor"


def test_how_to_fix_falls_back_to_the_rule_registry() -> None:
    from markupsafe import escape

    from reports.rulemeta import how_to_fix
    from rules.registry import by_slug

    rule = by_slug("no-escalation-path")
    bare = Finding(
        rule=rule.code,
        slug=rule.slug,
        outcome="fail",
        impact=rule.impact,
        category=rule.category,
        title=rule.failure_title,
        message="none found",
    )
    assert how_to_fix(bare) == rule.how_to_fix
    assert how_to_fix(bare.model_copy(update={"help": "ours"})) == "ours"
    assert how_to_fix(bare.model_copy(update={"rule": "X999"})) == ""  # other tool version
    report = build_report(make_observations(), make_judgement())
    report.findings = [bare]
    assert str(escape(rule.how_to_fix)) in render_html(report)


def test_third_party_contacts_are_listed_apart_and_escaped(report: Report) -> None:
    from auditor.models import Channel

    ombudsman = Channel(
        kind="phone",
        value="+448000234567",
        url="https://www.telco.example/complaints",
        owner="third_party",
        owner_role="ombudsman_adr",
        owner_name="<b>Financial Ombudsman Service</b>",
    )
    shown = report.model_copy(update={"third_party_contacts": [ombudsman]})
    page = render_html(shown)
    section = page[page.index('id="third-parties"') :]
    assert "+448000234567" in section and "ombudsman adr" in section
    assert "&lt;b&gt;Financial Ombudsman Service&lt;/b&gt;" in section
    # the brand's own inventory table does not list it
    inventory = page[page.index('id="channels"') : page.index('id="third-parties"')]
    assert "+448000234567" not in inventory
    assert 'id="third-parties"' not in render_html(report)
