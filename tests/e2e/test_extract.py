"""The in-page evaluation (``auditor/walk/extract.js``) against small crafted pages.

Every click count the auditor reports rests on one question answered inside the page: is
this element *visible* (DESIGN.md §4)?  These tests load hand-written HTML into a real
Chromium with ``page.set_content`` (no server, no network) and check that answer for each
way a site hides or shows things, plus the measurements the rules read (font size,
contrast, region, fold, box), the control flags, text grouping, the ``known`` protocol
that lets a state after a press return only what changed, and form facts.

One browser and one context serve the whole module; each test gets a fresh page.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

from auditor.browser import find_chromium, launch_args
from auditor.models import PageState
from auditor.walk.snapshot import Snapshot, StateBook, extract_script, late_init_script

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 1366, 768
OPTS: dict[str, Any] = {"known": {}, "full": True, "hover": True, "globals": []}
# Relative URLs need a base to resolve against; nothing is ever fetched from it.
BASE = "http://127.0.0.1:9/"
BASE_CSS = "html, body { margin: 0; padding: 0; font: 16px/1.4 sans-serif; }"

Snap = dict[str, Any]


# ---------------------------------------------------------------- fixtures and helpers


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=find_chromium(), args=launch_args(loopback_only=True)
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})

    # Pages here are inline; anything they try to fetch (an iframe src, say) is refused so
    # that no test can ever reach beyond this process.
    def refuse(route: Route) -> None:
        route.abort()

    ctx.route("**/*", refuse)
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def shared_page(context: BrowserContext) -> Iterator[Page]:
    p = context.new_page()
    yield p
    p.close()


@pytest.fixture
def page(shared_page: Page) -> Page:
    """The module's page, on a fresh document with the pointer parked in a corner.

    Re-using one tab keeps the file fast; navigating to about:blank drops the previous
    test's window globals and the script's id counter along with its document.
    """
    shared_page.mouse.move(0, 0)
    shared_page.goto("about:blank")
    return shared_page


def extract(page: Page, known: dict[str, int] | None = None) -> Snap:
    """Run the walk's evaluation exactly as the crawler does and decode its JSON."""
    raw = page.evaluate(extract_script(), {**OPTS, "known": known or {}})
    data = json.loads(str(raw))
    assert isinstance(data, dict)
    return data


def load(page: Page, body: str, *, css: str = "", dir: str | None = None) -> Snap:
    attrs = f' dir="{dir}"' if dir else ""
    page.set_content(
        f"<!doctype html><html lang='en'{attrs}><head><title>t</title><base href='{BASE}'>"
        f"<style>{BASE_CSS}{css}</style></head><body>{body}</body></html>"
    )
    return extract(page)


def cfa_id(page: Page, selector: str) -> str:
    """The id the script stamped on a DOM node (it survives across evaluations)."""
    value = page.get_attribute(selector, "data-cfa-id")
    assert value, f"{selector} was not stamped by the script"
    return value


def element(snap: Snap, page: Page, selector: str) -> dict[str, Any]:
    wanted = cfa_id(page, selector)
    found: list[dict[str, Any]] = [e for e in snap["elements"] if e["id"] == wanted]
    assert len(found) == 1, f"{selector} not in elements: {snap['elements']}"
    return found[0]


def blocks_with(snap: Snap, needle: str) -> list[dict[str, Any]]:
    return [b for b in snap["text_blocks"] if needle in b["text"]]


def wcag_contrast(fg: tuple[float, float, float], bg: tuple[float, float, float]) -> float:
    """WCAG 2 contrast ratio, computed independently of the script under test."""

    def channel(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else float(((v + 0.055) / 1.055) ** 2.4)

    def lum(c: tuple[float, float, float]) -> float:
        r, g, b = (channel(x) for x in c)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# ---------------------------------------------------------------- visibility: hidden

SR_ONLY = (
    "position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;"
    "clip:rect(0,0,0,0);white-space:nowrap;border:0"
)

HIDDEN_CASES: dict[str, str] = {
    "display-none": '<a id="t" href="/c" style="display:none">Contact</a>',
    "display-none-ancestor": (
        '<div style="display:none"><p><a id="t" href="/c">Contact</a></p></div>'
    ),
    "visibility-hidden": '<a id="t" href="/c" style="visibility:hidden">Contact</a>',
    "visibility-hidden-ancestor": (
        '<div style="visibility:hidden"><a id="t" href="/c">Contact</a></div>'
    ),
    "opacity-0": '<a id="t" href="/c" style="opacity:0">Contact</a>',
    "opacity-0-ancestor": '<div style="opacity:0"><p><a id="t" href="/c">Contact</a></p></div>',
    "zero-size": (
        '<a id="t" href="/c" style="display:inline-block;width:0;height:0;overflow:hidden">'
        "Contact</a>"
    ),
    "zero-height-wrapper": (
        '<div style="height:0;overflow:hidden"><a id="t" href="/c">Contact</a></div>'
    ),
    "off-screen-left": '<a id="t" href="/c" style="position:absolute;left:-9999px">Contact</a>',
    "off-screen-top": '<a id="t" href="/c" style="position:absolute;top:-9999px">Contact</a>',
    "sr-only": f'<a id="t" href="/c" style="{SR_ONLY}">Contact</a>',
    "clip-rect-zero-full-size": (
        '<a id="t" href="/c" style="position:absolute;top:10px;left:10px;'
        'clip:rect(0 0 0 0)">Contact us today</a>'
    ),
    "clip-rect-1px-wordpress": (
        '<a id="t" href="/c" style="position:absolute!important;clip:rect(1px,1px,1px,1px);'
        'width:auto;height:auto">Contact us today</a>'
    ),
    "clip-path-inset-50": '<a id="t" href="/c" style="clip-path:inset(50%)">Contact</a>',
    "clip-path-inset-50-ancestor": (
        '<div style="clip-path:inset(50%)"><a id="t" href="/c">Contact</a></div>'
    ),
    "closed-details": (
        '<details><summary>More</summary><p><a id="t" href="/c">Contact</a></p></details>'
    ),
    "collapsed-accordion": (
        '<div class="panel" style="max-height:0;overflow:hidden;transition:max-height .3s">'
        '<p>Call us</p><a id="t" href="/c">Contact</a></div>'
    ),
    "hidden-attribute": '<a id="t" href="/c" hidden>Contact</a>',
    "hidden-attribute-ancestor": '<section hidden><a id="t" href="/c">Contact</a></section>',
    "off-canvas-menu": (
        '<nav style="position:fixed;top:0;left:0;width:300px;height:100%;'
        'transform:translateX(-100%)"><a id="t" href="/c">Contact</a></nav>'
    ),
    "off-canvas-menu-right": (
        '<nav style="position:fixed;top:0;right:0;width:300px;height:100%;'
        'transform:translateX(100%)"><a id="t" href="/c">Contact</a></nav>'
    ),
    "content-visibility-hidden": (
        '<div style="content-visibility:hidden"><a id="t" href="/c">Contact</a></div>'
    ),
}


@pytest.mark.parametrize("html", HIDDEN_CASES.values(), ids=HIDDEN_CASES.keys())
def test_hidden_link_is_reported_not_visible(page: Page, html: str) -> None:
    snap = load(page, "<main><p>Intro text.</p>" + html + "</main>")
    link = element(snap, page, "#t")
    assert link["visible"] is False
    # Measurements only describe what a person can see.
    assert "box" not in link and "font_size" not in link and "contrast" not in link


def test_template_content_is_not_extracted(page: Page) -> None:
    snap = load(page, '<template><a href="/inert">Inert</a><p>Inert text</p></template>')
    assert snap["elements"] == []
    assert blocks_with(snap, "Inert") == []


def test_aria_hidden_does_not_affect_visibility(page: Page) -> None:
    """A deliberate choice: aria-hidden hides from assistive technology, not from eyes.

    Click counts (DESIGN §4) describe what a sighted customer sees and presses, so a link
    under ``aria-hidden="true"`` is still visible.  (Accessibility rules may flag it; the
    walk must not pretend the customer cannot see it.)
    """
    snap = load(
        page,
        '<div aria-hidden="true"><a id="t" href="/c">Contact</a><p>Call 0800 123 456</p></div>'
        '<a id="self" href="/d" aria-hidden="true">Help</a>',
    )
    assert element(snap, page, "#t")["visible"] is True
    assert element(snap, page, "#self")["visible"] is True
    assert all(b["visible"] for b in blocks_with(snap, "0800 123 456"))


def test_off_canvas_fixed_menu_stays_hidden_after_scrolling(page: Page) -> None:
    """A fixed panel parked above the viewport never scrolls into view: page coordinates
    (viewport + scroll) must not be used for fixed elements."""
    load(
        page,
        '<header style="position:fixed;top:0;left:0;right:0;height:60px;'
        'transform:translateY(-100%)"><a id="t" href="/c">Contact</a></header>'
        '<div style="position:fixed;bottom:0;right:0"><a id="chat" href="/chat">Chat</a></div>'
        '<div style="height:4000px"></div>',
    )
    page.evaluate("window.scrollTo(0, 1500)")
    snap = extract(page)
    assert element(snap, page, "#t")["visible"] is False
    assert element(snap, page, "#chat")["visible"] is True, "an on-screen fixed box stays visible"


# ---------------------------------------------------------------- visibility: visible

VISIBLE_CASES: dict[str, str] = {
    "normal-link": '<a id="t" href="/c">Contact</a>',
    "open-details": (
        '<details open><summary>More</summary><p><a id="t" href="/c">Contact</a></p></details>'
    ),
    "below-the-fold": '<div style="height:3000px"></div><a id="t" href="/c">Contact</a>',
    "fixed-header": (
        '<header style="position:fixed;top:0;left:0;right:0;height:50px;background:#fff">'
        '<a id="t" href="/c">Contact</a></header><div style="height:3000px"></div>'
    ),
    "visibility-visible-inside-hidden": (
        '<div style="visibility:hidden"><a id="t" href="/c" style="visibility:visible">'
        "Contact</a></div>"
    ),
    "block-inside-inline-link": '<a id="t" href="/c"><div>Contact</div></a>',
    "scroll-container-below-its-fold": (
        '<div style="height:100px;overflow:auto"><div style="height:1000px"></div>'
        '<a id="t" href="/c">Contact</a></div>'
    ),
    "dropdown-escaping-overflow-hidden": (
        '<div style="position:relative"><div style="overflow:hidden;height:20px">'
        '<span>Menu</span><div style="position:absolute;top:30px;left:0">'
        '<a id="t" href="/c">Contact</a></div></div></div>'
    ),
    "fixed-inside-overflow-hidden-wrapper": (
        '<div style="overflow:hidden;height:10px"><div style="position:fixed;bottom:10px;'
        'right:10px"><a id="t" href="/c">Chat</a></div></div>'
    ),
    "body-overflow-x-hidden-with-full-height": (
        '<div style="height:2500px"></div><a id="t" href="/c">Contact</a>'
    ),
    "display-contents-wrapper": (
        '<div style="display:contents"><a id="t" href="/c">Contact</a></div>'
    ),
}

VISIBLE_CSS = {
    "body-overflow-x-hidden-with-full-height": (
        "html, body { height: 100%; } body { overflow-x: hidden; }"
    ),
}


@pytest.mark.parametrize("case", VISIBLE_CASES.keys())
def test_visible_link_is_reported_visible(page: Page, case: str) -> None:
    snap = load(page, "<main>" + VISIBLE_CASES[case] + "</main>", css=VISIBLE_CSS.get(case, ""))
    link = element(snap, page, "#t")
    assert link["visible"] is True
    assert link["box"]["width"] >= 2 and link["box"]["height"] >= 2


def test_rtl_page_links_are_visible(page: Page) -> None:
    snap = load(
        page,
        '<header><nav><a id="home" href="/">דף הבית</a> <a id="c" href="/contact">צור קשר</a>'
        '</nav></header><main><p>שלום</p><a id="far" href="/x" style="position:absolute;'
        'right:-9999px">מוסתר</a></main>',
        dir="rtl",
    )
    assert snap["dir"] == "rtl"
    home, contact = element(snap, page, "#home"), element(snap, page, "#c")
    assert home["visible"] and contact["visible"]
    # Right-to-left: the first link sits to the right of the second.
    assert home["box"]["x"] > contact["box"]["x"] > 0
    assert element(snap, page, "#far")["visible"] is False


def test_rtl_page_with_horizontal_overflow_keeps_its_visible_links(page: Page) -> None:
    """In RTL documents the horizontal scroll origin is on the right, so scrollX is zero
    or negative and boxes to the left of the viewport may be legitimately scrollable."""
    snap = load(
        page,
        '<a id="c" href="/contact">צור קשר</a><div style="width:3000px;height:20px">'
        '<a id="far" href="/far" style="float:left">רחוק</a></div>',
        dir="rtl",
    )
    near, far = element(snap, page, "#c"), element(snap, page, "#far")
    assert near["visible"] is True and near["box"]["x"] > 0
    # The far end of the overflow sits left of the viewport, reachable by scrolling.
    assert far["box"]["x"] < 0 and far["visible"] is True


# ---------------------------------------------------------------- measurements


def test_font_size_of_a_small_footer_link(page: Page) -> None:
    snap = load(
        page,
        '<main><a id="big" href="/a">Help</a></main>'
        '<footer style="font-size:10px"><a id="small" href="/c">Contact</a></footer>',
    )
    assert element(snap, page, "#small")["font_size"] == 10
    assert element(snap, page, "#big")["font_size"] == 16


@pytest.mark.parametrize(
    ("fg", "bg", "rgb_fg", "rgb_bg"),
    [
        ("#000", "#fff", (0, 0, 0), (255, 255, 255)),
        ("#777", "#fff", (119, 119, 119), (255, 255, 255)),
        ("#ccc", "#fff", (204, 204, 204), (255, 255, 255)),
        ("#fff", "#0055aa", (255, 255, 255), (0, 85, 170)),
    ],
    ids=["black-on-white", "777-on-white", "ccc-on-white", "white-on-blue"],
)
def test_contrast_ratio(
    page: Page,
    fg: str,
    bg: str,
    rgb_fg: tuple[int, int, int],
    rgb_bg: tuple[int, int, int],
) -> None:
    snap = load(
        page,
        f'<div style="background:{bg};padding:10px"><a id="t" href="/c" style="color:{fg}">'
        "Contact</a></div>",
    )
    got = element(snap, page, "#t")["contrast"]
    expected = wcag_contrast(rgb_fg, rgb_bg)
    assert got == pytest.approx(expected, abs=0.01)


def test_contrast_known_anchor_values(page: Page) -> None:
    snap = load(
        page,
        '<a id="a" href="/a" style="color:#000">A</a> <a id="b" href="/b" style="color:#777">'
        'B</a> <a id="c" href="/c" style="color:#ccc">C</a>',
    )
    assert element(snap, page, "#a")["contrast"] == pytest.approx(21, abs=0.01)
    assert element(snap, page, "#b")["contrast"] == pytest.approx(4.48, abs=0.01)
    assert element(snap, page, "#c")["contrast"] == pytest.approx(1.6, abs=0.02)


def test_contrast_blends_a_semi_transparent_background(page: Page) -> None:
    snap = load(
        page,
        '<div style="background:#fff"><div style="background:rgba(0,0,0,0.5);padding:8px">'
        '<a id="t" href="/c" style="color:#fff">Contact</a></div></div>',
    )
    grey = 255 * 0.5  # 50% black over white
    expected = wcag_contrast((255, 255, 255), (grey, grey, grey))
    assert element(snap, page, "#t")["contrast"] == pytest.approx(expected, abs=0.02)


def test_contrast_blends_semi_transparent_text(page: Page) -> None:
    snap = load(page, '<a id="t" href="/c" style="color:rgba(0,0,0,0.4)">Contact</a>')
    grey = 255 * 0.6  # 40% black over white
    expected = wcag_contrast((grey, grey, grey), (255, 255, 255))
    assert element(snap, page, "#t")["contrast"] == pytest.approx(expected, abs=0.02)


REGION_CASES: dict[str, tuple[str, str]] = {
    "header": ('<header><a id="t" href="/c">C</a></header>', "header"),
    "nav": ('<nav><a id="t" href="/c">C</a></nav>', "nav"),
    "nav-in-header": ('<header><nav><a id="t" href="/c">C</a></nav></header>', "nav"),
    "main": ('<main><p><a id="t" href="/c">C</a></p></main>', "main"),
    "footer": ('<footer><a id="t" href="/c">C</a></footer>', "footer"),
    "nav-in-footer": (
        '<footer><nav><ul><li><a id="t" href="/c">C</a></li></ul></nav></footer>',
        "footer",
    ),
    "aside": ('<aside><a id="t" href="/c">C</a></aside>', "aside"),
    "dialog": ('<dialog open><a id="t" href="/c">C</a></dialog>', "dialog"),
    "role-dialog": (
        '<div role="dialog" aria-modal="true"><a id="t" href="/c">C</a></div>',
        "dialog",
    ),
    "role-contentinfo": ('<div role="contentinfo"><a id="t" href="/c">C</a></div>', "footer"),
    "role-navigation": ('<div role="navigation"><a id="t" href="/c">C</a></div>', "nav"),
    "role-banner": ('<div role="banner"><a id="t" href="/c">C</a></div>', "header"),
    "nothing": ('<div><a id="t" href="/c">C</a></div>', "other"),
    # A dialog is an overlay wherever it sits in the DOM, and its own footer is part of it.
    "footer-in-dialog": (
        '<div role="dialog"><footer><a id="t" href="/c">C</a></footer></div>',
        "dialog",
    ),
    "dialog-in-footer": (
        '<footer><dialog open><a id="t" href="/c">C</a></dialog></footer>',
        "dialog",
    ),
    # HTML-AAM: a <footer> scoped to an article is the post's, not the page's.
    "article-footer-in-main": (
        '<main><article><p>Post</p><footer><a id="t" href="/c">C</a></footer></article></main>',
        "main",
    ),
    # ...but page builders wrap the real site footer in <section>/<main>: it stays the
    # footer, so a footer-only contact link is still judged as one (contact-hidden).
    "site-footer-wrapped-in-section": (
        '<main><section><footer><a id="t" href="/c">C</a></footer></section></main>',
        "footer",
    ),
}


@pytest.mark.parametrize("case", REGION_CASES.keys())
def test_region(page: Page, case: str) -> None:
    html, region = REGION_CASES[case]
    snap = load(page, html)
    assert element(snap, page, "#t")["region"] == region


def test_region_of_text_blocks(page: Page) -> None:
    snap = load(
        page,
        "<header><p>Top words</p></header><main><p>Body words</p></main>"
        "<footer><nav><p>Bottom words</p></nav></footer>",
    )
    assert blocks_with(snap, "Top words")[0]["region"] == "header"
    assert blocks_with(snap, "Body words")[0]["region"] == "main"
    assert blocks_with(snap, "Bottom words")[0]["region"] == "footer"


def test_above_the_fold(page: Page) -> None:
    snap = load(
        page,
        '<a id="top" href="/a">Top</a><div style="height:740px"></div>'
        '<a id="edge" href="/b">Edge</a><div style="height:2000px"></div>'
        '<a id="low" href="/c">Low</a>',
    )
    assert element(snap, page, "#top")["above_fold"] is True
    assert element(snap, page, "#edge")["box"]["y"] < HEIGHT
    assert element(snap, page, "#edge")["above_fold"] is True
    assert element(snap, page, "#low")["above_fold"] is False


def test_above_the_fold_does_not_depend_on_current_scroll(page: Page) -> None:
    load(page, '<div style="height:2000px"></div><a id="low" href="/c">Low</a>')
    page.evaluate("window.scrollTo(0, 1800)")
    low = element(extract(page), page, "#low")
    assert low["visible"] is True and low["above_fold"] is False


def test_box_is_in_page_coordinates_even_after_scrolling(page: Page) -> None:
    body = (
        '<a id="t" href="/c" style="position:absolute;left:123px;top:1456px;width:80px;'
        'height:20px;display:block">Contact</a><div style="height:4000px"></div>'
    )
    snap = load(page, body)
    expected = {"x": 123, "y": 1456, "width": 80, "height": 20}
    assert element(snap, page, "#t")["box"] == expected
    page.evaluate("window.scrollTo(0, 1000)")
    assert page.evaluate("window.scrollY") == 1000
    assert element(extract(page), page, "#t")["box"] == expected


# ---------------------------------------------------------------- controls


def test_submit_buttons_submit_and_plain_buttons_do_not(page: Page) -> None:
    snap = load(
        page,
        '<form id="f" action="/send" method="post"><input name="q">'
        '<button id="default">Send</button>'
        '<button id="explicit" type="submit">Send too</button>'
        '<input id="inp" type="submit" value="Go">'
        '<button id="plain" type="button">Show more</button>'
        '<button id="reset" type="reset">Clear</button></form>'
        '<button id="outside">Outside</button>'
        '<button id="owner" form="f">Owned by the form</button>',
    )
    assert element(snap, page, "#default")["submits"] is True
    assert element(snap, page, "#explicit")["submits"] is True
    assert element(snap, page, "#inp")["submits"] is True
    assert element(snap, page, "#plain")["submits"] is False
    assert element(snap, page, "#reset")["submits"] is False
    assert element(snap, page, "#outside")["submits"] is False
    assert element(snap, page, "#owner")["submits"] is True, "form= attribute owns it"
    assert element(snap, page, "#inp")["name"] == "Go"


def test_expanded_follows_aria_expanded(page: Page) -> None:
    snap = load(
        page,
        '<button id="open" aria-expanded="true" aria-controls="p1">Menu</button>'
        '<div id="p1"><a href="/x">X</a></div>'
        '<button id="shut" aria-expanded="false" aria-controls="p2">FAQ</button>'
        '<div id="p2" hidden><a href="/y">Y</a></div>'
        '<button id="none">Plain</button>',
    )
    opened, shut = element(snap, page, "#open"), element(snap, page, "#shut")
    assert opened["expanded"] is True and shut["expanded"] is False
    assert shut["controls"] == "p2"
    assert element(snap, page, "#none")["expanded"] is None


def test_link_used_as_a_toggle_is_a_control(page: Page) -> None:
    snap = load(
        page,
        '<a id="hash" href="#">Menu</a> <a id="js" href="javascript:void(0)">More</a> '
        '<a id="exp" href="/faq" aria-expanded="false">FAQ</a> <a id="real" href="/c">C</a>',
    )
    for sel in ("#hash", "#js", "#exp"):
        rec = element(snap, page, sel)
        assert rec["kind"] == "control" and rec["href"] is None
    real = element(snap, page, "#real")
    assert real["kind"] == "link" and real["href"].endswith("/c")


def test_summary_of_a_closed_details_is_flagged(page: Page) -> None:
    snap = load(
        page,
        '<details><summary id="closed">Phone numbers</summary><p>020 7946 0000</p></details>'
        '<details open><summary id="opened">Email</summary><p>help@example.org</p></details>',
    )
    closed, opened = element(snap, page, "#closed"), element(snap, page, "#opened")
    assert closed["summary"] is True and closed["kind"] == "button"
    assert opened["summary"] is False
    hidden_phone = blocks_with(snap, "7946")
    assert hidden_phone and all(b["visible"] is False for b in hidden_phone)
    assert all(b["visible"] for b in blocks_with(snap, "help@example.org"))


HOVER_CSS = """
nav ul { list-style: none; display: flex; gap: 20px; }
nav li { position: relative; }
nav li > ul { display: none; position: absolute; top: 100%; left: 0; }
nav li:hover > ul { display: block; }
"""


def test_hover_only_submenu_is_listed(page: Page) -> None:
    snap = load(
        page,
        '<header><nav><ul><li><a id="help" href="/help">Help</a><ul>'
        '<li><a id="contact" href="/contact">Contact us</a></li></ul></li>'
        '<li><a id="shop" href="/shop">Shop</a></li></ul></nav></header>',
        css=HOVER_CSS,
    )
    assert element(snap, page, "#contact")["visible"] is False
    assert [h["id"] for h in snap["hovers"]] == [cfa_id(page, "#help")]
    hover = snap["hovers"][0]
    assert hover["label"] == "Help" and hover["region"] == "nav"
    assert page.locator(hover["selector"]).get_attribute("id") == "help"
    # And it really is hover-only: hovering reveals it.
    page.hover("#help")
    assert element(extract(page), page, "#contact")["visible"] is True


def test_hovers_are_skipped_when_not_asked(page: Page) -> None:
    load(
        page,
        '<nav><ul><li><a href="/help">Help</a><ul><li><a href="/c">C</a></li></ul></li></ul></nav>',
        css=HOVER_CSS,
    )
    raw = page.evaluate(extract_script(), {**OPTS, "hover": False})
    assert json.loads(str(raw))["hovers"] == []


# ---------------------------------------------------------------- text blocks


def test_phone_split_across_inline_spans_is_one_block(page: Page) -> None:
    snap = load(
        page,
        '<p>Call us on 020 <span class="mid">7946</span> <b>0000</b> today.</p><p>Other</p>',
    )
    found = blocks_with(snap, "020 7946 0000")
    assert len(found) == 1
    assert found[0]["text"] == "Call us on 020 7946 0000 today."
    assert found[0]["visible"] is True


def test_line_breaks_separate_words(page: Page) -> None:
    snap = load(page, "<p>Call us<br>0800 123 456<br>Mon-Fri</p>")
    (block,) = blocks_with(snap, "0800")
    assert block["text"] == "Call us 0800 123 456 Mon-Fri"


def test_hidden_text_is_returned_as_not_visible(page: Page) -> None:
    snap = load(
        page,
        '<p>Shown words</p><div style="display:none"><p>Secret phone 0800 111 222</p></div>'
        '<p>Visible part <span style="display:none">hidden part</span></p>',
    )
    (secret,) = blocks_with(snap, "Secret phone")
    assert secret["visible"] is False
    (shown,) = blocks_with(snap, "Shown words")
    assert shown["visible"] is True
    hidden_part = blocks_with(snap, "hidden part")
    assert hidden_part and all(not b["visible"] for b in hidden_part)
    assert all(b["visible"] for b in blocks_with(snap, "Visible part"))


def test_script_and_style_text_is_excluded(page: Page) -> None:
    snap = load(
        page,
        "<p>Real text</p><script>var phone = '0800 999 999';</script>"
        "<style>.x::after { content: 'styled'; }</style><noscript>Enable JS</noscript>"
        '<script type="application/ld+json">{"telephone": "+44 20 7946 0001"}</script>',
    )
    texts = " ".join(b["text"] for b in snap["text_blocks"])
    assert "Real text" in texts
    for leaked in ("0800 999 999", "styled", "7946 0001", "var phone"):
        assert leaked not in texts
    assert any("7946 0001" in j for j in snap["jsonld"]), "JSON-LD goes to page info instead"


def test_text_in_display_contents_wrapper_is_visible(page: Page) -> None:
    """SvelteKit wraps the whole body in ``<div style="display: contents">``: having no box
    of its own must not make the text inside it hidden."""
    snap = load(page, '<div style="display:contents"><span>Call 0800 123 456</span></div>')
    (block,) = blocks_with(snap, "0800 123 456")
    assert block["visible"] is True


def test_text_in_a_scrollable_panel_is_visible(page: Page) -> None:
    snap = load(
        page,
        '<div style="height:80px;overflow-y:auto"><p style="margin-top:500px">'
        "Deep in the panel 0800 765 432</p></div>",
    )
    (block,) = blocks_with(snap, "0800 765 432")
    assert block["visible"] is True


# ---------------------------------------------------------------- the known mechanism


def test_known_elements_are_skipped_and_newly_visible_ones_returned(page: Page) -> None:
    first = load(
        page,
        '<a id="a" href="/a">Always</a>'
        '<button id="toggle" aria-expanded="false">More</button>'
        '<div id="panel" style="display:none"><a id="b" href="/b">Revealed</a>'
        "<p>Revealed text 0800 222 333</p></div>"
        '<div style="display:none"><a id="c" href="/c">Still hidden</a></div>',
    )
    book = StateBook(PageState(url="about:blank", requested_url="about:blank"))
    assert len(book.absorb(Snapshot.parse(json.dumps(first)), 0, None)) == 2
    known = book.known()
    ids = {sel: cfa_id(page, sel) for sel in ("#a", "#toggle", "#b", "#c")}
    assert known[ids["#a"]] == 1 and known[ids["#b"]] == 0 and known[ids["#c"]] == 0

    # Nothing changed: nothing to report.
    again = extract(page, known)
    assert again["elements"] == [] and again["text_blocks"] == [] and again["forms"] == []

    page.evaluate(
        """() => {
            document.getElementById('panel').style.display = 'block';
            document.getElementById('toggle').setAttribute('aria-expanded', 'true');
            const n = document.createElement('a');
            n.href = '/new'; n.id = 'n'; n.textContent = 'Brand new';
            document.body.appendChild(n);
        }"""
    )
    second = extract(page, known)
    returned = {e["id"] for e in second["elements"]}
    assert returned == {ids["#b"], cfa_id(page, "#n")}
    assert all(e["visible"] for e in second["elements"])
    # Link text is a block of its own; the already visible "Always" is not repeated.
    texts = sorted(b["text"] for b in second["text_blocks"])
    assert texts == ["Brand new", "Revealed", "Revealed text 0800 222 333"]
    assert all(b["visible"] for b in second["text_blocks"])

    fresh = book.absorb(Snapshot.parse(json.dumps(second)), 1, "press:toggle")
    assert {e.id for e in fresh} == returned
    assert book.elements[ids["#b"]].revealed_by == "press:toggle"
    assert book.elements[ids["#a"]].depth == 0


def test_ids_are_stable_across_evaluations(page: Page) -> None:
    first = load(page, '<a href="/a">A</a><a href="/b">B</a>')
    second = extract(page)
    assert [e["id"] for e in first["elements"]] == [e["id"] for e in second["elements"]]
    assert len({e["id"] for e in first["elements"]}) == 2


# ---------------------------------------------------------------- forms


def test_form_fields_labels_and_requirements(page: Page) -> None:
    snap = load(
        page,
        '<form id="f" action="/send" method="POST">'
        '<label for="name">Your name</label><input id="name" name="name" required>'
        '<label>Email <input name="email" type="email"></label>'
        '<input name="phone" type="tel" aria-label="Phone number" aria-required="true">'
        '<input name="ref" placeholder="Order reference">'
        '<select name="topic" id="topic"><option>Billing</option></select>'
        '<label for="topic">Topic</label>'
        '<textarea name="msg" id="msg" required></textarea><label for="msg">Message</label>'
        '<input type="hidden" name="token" value="x">'
        '<input name="trap" style="display:none">'
        "<button>Send</button></form>",
    )
    (form,) = snap["forms"]
    assert form["id"] == "f" + cfa_id(page, "#f")
    assert form["method"] == "post" and form["action"].endswith("/send")
    assert form["visible"] is True and form["has_free_text"] is True
    fields = {f["name"]: f for f in form["fields"]}
    assert set(fields) == {"name", "email", "phone", "ref", "topic", "msg", "trap"}
    assert fields["name"]["label"] == "Your name" and fields["name"]["required"] is True
    assert fields["email"]["label"] == "Email" and fields["email"]["type"] == "email"
    assert fields["phone"]["label"] == "Phone number" and fields["phone"]["required"] is True
    assert fields["ref"]["label"] == "Order reference" and fields["ref"]["required"] is False
    assert fields["topic"]["type"] == "select" and fields["topic"]["label"] == "Topic"
    assert fields["msg"]["type"] == "textarea" and fields["msg"]["required"] is True
    assert fields["trap"]["visible"] is False
    assert form["captcha"] is None
    assert form["has_file_upload"] is False and form["has_password"] is False


@pytest.mark.parametrize(
    ("widget", "expected"),
    [
        ('<div class="g-recaptcha" data-sitekey="k"></div>', "recaptcha"),
        ('<div class="h-captcha" data-sitekey="k"></div>', "hcaptcha"),
        ('<div class="cf-turnstile" data-sitekey="k"></div>', "turnstile"),
        ('<iframe src="https://www.google.com/recaptcha/api2/anchor"></iframe>', "recaptcha"),
        ('<img src="/captcha.png" alt="code"><input name="code">', "other"),
    ],
    ids=["recaptcha", "hcaptcha", "turnstile", "recaptcha-iframe", "image-captcha"],
)
def test_captcha_detection(page: Page, widget: str, expected: str) -> None:
    snap = load(
        page,
        f'<form action="/c"><textarea name="m"></textarea>{widget}<button>Send</button></form>',
    )
    assert snap["forms"][0]["captcha"] == expected


def test_file_upload_and_password(page: Page) -> None:
    snap = load(
        page,
        '<form id="up"><input type="file" name="attachment"><button>Send</button></form>'
        '<form id="login"><input name="user"><input type="password" name="pw">'
        "<button>Log in</button></form>",
    )
    forms = {f["id"]: f for f in snap["forms"]}
    upload, login = forms["f" + cfa_id(page, "#up")], forms["f" + cfa_id(page, "#login")]
    assert upload["has_file_upload"] is True and upload["has_password"] is False
    assert upload["fields"][0]["type"] == "file"
    assert login["has_password"] is True and login["has_file_upload"] is False
    assert snap["password_visible"] is True


def test_hidden_form_is_reported_hidden(page: Page) -> None:
    snap = load(
        page,
        '<div style="display:none"><form><input type="password" name="pw"></form></div>',
    )
    (form,) = snap["forms"]
    assert form["visible"] is False
    assert snap["password_visible"] is False


def test_form_in_display_contents_is_visible(page: Page) -> None:
    snap = load(page, '<form style="display:contents"><textarea name="m"></textarea></form>')
    assert snap["forms"][0]["visible"] is True


# ---------------------------------------------------------------- page info


def test_page_info_when_full(page: Page) -> None:
    page.set_content(
        '<!doctype html><html lang="de"><head><title> Kontakt </title>'
        '<meta name="robots" content="noindex"></head><body><p>Hallo</p>'
        '<iframe src="https://widget.example/chat"></iframe></body></html>'
    )
    page.evaluate("window.Intercom = function () {}")
    raw = page.evaluate(extract_script(), {**OPTS, "globals": ["Intercom", "zE"]})
    info = json.loads(str(raw))
    assert info["title"] == "Kontakt"
    assert info["lang"] == "de" and info["dir"] == "ltr"
    assert info["meta_robots"] == "noindex"
    assert info["globals"] == ["Intercom"]
    assert info["iframes"] == ["https://widget.example/chat"]
    assert info["scroll_height"] >= HEIGHT
    lean = json.loads(str(page.evaluate(extract_script(), {**OPTS, "full": False})))
    assert "title" not in lean and "globals" not in lean


# ---------------------------------------------------------------- shadow DOM (issue 11)

SHADOW_FOOTER = """
<main><h1>Home</h1></main>
<site-footer id="host"><span slot="legal">Registered in England</span></site-footer>
<script>
const root = document.getElementById('host').attachShadow({mode: 'open'});
root.innerHTML = '<style>a{font-size:12px}</style><footer>'
  + '<a id="c" href="/contact">Contact us</a> <button id="more" type="button" '
  + 'aria-expanded="false">More help</button>'
  + '<p id="phone">Hotline <b>0800</b> <b>123 4567</b></p>'
  + '<p hidden id="secret">Write to hidden@brand.example</p>'
  + '<form><label>Message <textarea id="m" name="msg" required></textarea></label></form>'
  + '<slot name="legal"></slot></footer>';
root.getElementById('more').onclick = function () { this.textContent = 'pressed'; };
</script>"""


def _shadow(page: Page, selector: str) -> str:
    value = page.evaluate(
        "(s) => document.getElementById('host').shadowRoot.querySelector(s)"
        ".getAttribute('data-cfa-id')",
        selector,
    )
    assert value, f"{selector} in the shadow root was not stamped"
    return str(value)


def test_open_shadow_root_is_observed_like_light_dom(page: Page) -> None:
    snap = load(page, SHADOW_FOOTER)
    by_id = {e["id"]: e for e in snap["elements"]}
    link = by_id[_shadow(page, "#c")]
    assert link["kind"] == "link" and link["href"] == BASE + "contact"
    assert link["visible"] is True and link["region"] == "footer"
    assert link["font_size"] == 12 and link["box"]["width"] > 0
    assert " >> " in link["selector"] and link["selector"].startswith("#host")
    button = by_id[_shadow(page, "#more")]
    assert button["kind"] == "button" and button["region"] == "footer"
    phone = blocks_with(snap, "Hotline")
    assert phone and phone[0]["text"] == "Hotline 0800 123 4567"
    assert phone[0]["visible"] is True and phone[0]["region"] == "footer"
    hidden = blocks_with(snap, "hidden@brand.example")
    assert hidden and hidden[0]["visible"] is False
    (form,) = snap["forms"]
    assert form["visible"] is True and form["has_free_text"] is True
    assert form["fields"][0]["label"] == "Message" and form["fields"][0]["required"]
    # A light-DOM node slotted into the shadow footer renders there.
    legal = blocks_with(snap, "Registered in England")
    assert legal and legal[0]["region"] == "footer" and legal[0]["visible"] is True


def test_a_control_in_a_shadow_root_is_pressed_by_its_stamped_id(page: Page) -> None:
    load(page, SHADOW_FOOTER)
    page.locator(f'[data-cfa-id="{_shadow(page, "#more")}"]').click()
    assert (
        page.evaluate(
            "document.getElementById('host').shadowRoot.getElementById('more').textContent"
        )
        == "pressed"
    )


def test_nested_open_shadow_roots_are_entered(page: Page) -> None:
    snap = load(
        page,
        "<outer-box id='o'></outer-box><script>"
        "const a = document.getElementById('o').attachShadow({mode: 'open'});"
        "a.innerHTML = '<inner-box id=\"i\"></inner-box>';"
        "const b = a.getElementById('i').attachShadow({mode: 'open'});"
        "b.innerHTML = '<nav><a href=\"/help\">Help centre</a></nav>';</script>",
    )
    (link,) = [e for e in snap["elements"] if e["text"] == "Help centre"]
    assert link["visible"] is True and link["region"] == "nav"
    assert link["selector"].count(" >> ") == 2


def test_closed_shadow_roots_are_recorded_as_unobservable(
    context: BrowserContext,
) -> None:
    fresh = context.new_page()
    try:
        fresh.add_init_script(script=late_init_script())
        fresh.goto("about:blank")
        fresh.set_content(
            "<!doctype html><html><body><p>Hi</p><chat-box id='cb'></chat-box><script>"
            "document.getElementById('cb').attachShadow({mode: 'closed'}).innerHTML ="
            " '<a href=\"/secret\">Call 0800 000 0000</a>';</script></body></html>"
        )
        snap = extract(fresh)
    finally:
        fresh.close()
    assert snap["closed_shadow"] == ["#cb"]
    assert not [e for e in snap["elements"] if "0800" in e["text"]]
    assert not blocks_with(snap, "0800")


# ---------------------------------------------------------------- frames (issue 11)


def test_frame_options_move_geometry_and_prefix_ids(page: Page) -> None:
    page.set_content(
        "<!doctype html><html><head><style>body{margin:0}</style></head><body>"
        "<a id='a' href='/x' style='display:block;width:100px;height:20px'>Contact</a>"
        "</body></html>"
    )
    frame = {"prefix": "F3_", "x": 200, "y": 900, "visible": True, "url": "http://f/", "vh": HEIGHT}
    snap = json.loads(str(page.evaluate(extract_script(), {**OPTS, "frame": frame})))
    (link,) = snap["elements"]
    assert link["id"].startswith("F3_e") and link["frame"] == "http://f/"
    assert link["box"]["x"] == 200 and link["box"]["y"] == 900
    assert link["above_fold"] is False
    assert snap["text_blocks"][0]["frame"] == "http://f/"


def test_everything_in_a_hidden_frame_is_hidden(page: Page) -> None:
    page.set_content("<!doctype html><html><body><a href='/x'>Contact</a></body></html>")
    frame = {"prefix": "F1_", "x": 0, "y": 0, "visible": False, "url": "http://f/", "vh": HEIGHT}
    snap = json.loads(str(page.evaluate(extract_script(), {**OPTS, "frame": frame})))
    assert [e["visible"] for e in snap["elements"]] == [False]
    assert all(b["visible"] is False for b in snap["text_blocks"])


GIF = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
IMAGE_MAP = (
    f'<main><img src="{GIF}" width="400" height="200" '
    'usemap="#ways" alt="Ways to reach us" style="display:block;margin-top:50px">'
    '<map name="ways"><area id="r" shape="rect" coords="10,10,210,110" href="/write.html" '
    'alt="Write to us"><area id="c" shape="circle" coords="300,100,50" href="/call.html" '
    'alt="Call us"></map>{hidden}</main>'
)


def test_image_map_areas_are_links_where_their_image_shows(page: Page) -> None:
    """An <area> has no box: it is the part of its image its coords name, visible when the
    image is, and labelled by its alt text."""
    hidden = (
        f'<img src="{GIF}" width="10" height="10" '
        'usemap="#gone" style="display:none"><map name="gone">'
        '<area id="h" shape="rect" coords="0,0,10,10" href="/hidden.html" alt="Hidden"></map>'
    )
    snap = load(page, IMAGE_MAP.format(hidden=hidden))
    rect = element(snap, page, "#r")
    assert rect["kind"] == "link" and rect["href"] == BASE + "write.html"
    assert rect["name"] == "Write to us" and rect["visible"] is True
    assert rect["box"] == {"x": 10, "y": 60, "width": 200, "height": 100}
    circle = element(snap, page, "#c")
    assert circle["box"] == {"x": 250, "y": 100, "width": 100, "height": 100}
    assert all(e.get("href") != BASE + "hidden.html" or not e["visible"] for e in snap["elements"])


def test_selectors_of_many_siblings_name_the_right_element(page: Page) -> None:
    """Indexes are remembered across siblings (a long table stays linear): each block's
    selector must still find exactly its own element."""
    rows = "".join(
        f"<tr><td>Tariff {i}</td><td>{i}p/kWh</td></tr>" + ("<tbody></tbody>" if i % 7 == 0 else "")
        for i in range(60)
    )
    snap = load(page, f"<main><table>{rows}</table><p>After the table</p></main>")
    blocks = [b for b in snap["text_blocks"] if b["text"].startswith("Tariff")]
    assert len(blocks) == 60
    for b in blocks:
        found = page.eval_on_selector_all(b["selector"], "els => els.map(e => e.textContent)")
        assert found == [b["text"]], (b["selector"], found)


def test_a_contact_link_in_a_paragraph_knows_what_leads_up_to_it(page: Page) -> None:
    snap = load(
        page,
        '<main><p>Write to us at <a id="m" href="mailto:help@heron.example">help@heron.example'
        "</a> or refer your complaint to ABTA.</p>"
        '<p><a id="n" href="/contact">Contact</a></p></main>',
    )
    assert element(snap, page, "#m")["lead"] == "Write to us at"
    assert "lead" not in element(snap, page, "#n")


SCRIPTED_MEGA_MENU = """<!doctype html><html lang="it"><body><header>
<div class="mega" id="mega"><span class="mega-label" id="label">Assistenza</span>
<div class="mega-panel" style="display:none"><a id="c" href="/contattaci">Contattaci</a></div>
</div><span id="solo">Offerte</span><div style="display:none"><a href="/o">Tutte</a></div>
</header><script>
var mega = document.getElementById('mega');
mega.addEventListener('mouseenter', function () {
  mega.querySelector('.mega-panel').style.display = 'block'; });
document.getElementById('solo').addEventListener('mouseover', function () {
  this.nextElementSibling.style.display = 'block'; });
</script></body></html>"""


def test_a_menu_a_script_opens_on_mouseenter_is_a_hover(context: BrowserContext) -> None:
    """Not a list item and no CSS :hover: the element that listens for the pointer holds
    the trigger and the hidden panel, or the trigger stands beside its panel."""
    fresh = context.new_page()
    try:
        fresh.add_init_script(script=late_init_script())
        fresh.goto("about:blank")
        fresh.set_content(SCRIPTED_MEGA_MENU)
        snap = extract(fresh)
        hovers = {h["label"]: h for h in snap["hovers"]}
        assert set(hovers) == {"Assistenza", "Offerte"}, hovers
        fresh.hover(hovers["Assistenza"]["selector"])
        assert element(extract(fresh), fresh, "#c")["visible"] is True
    finally:
        fresh.close()
