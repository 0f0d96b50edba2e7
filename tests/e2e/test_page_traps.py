"""Pages that fight the walk: a "leave this page?" prompt, popups that open popups.  The
walk loads every page anyway, stays within its own pages, and sends nothing."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
</head><body><header><nav><a href="/">Home</a></nav></header><main>{body}</main></body></html>"""
HOME = """<h1>Fenwick Water</h1><ul><li><a href="/bills.html">Your bill</a></li>
<li><a href="/app.html">Our app</a></li><li><a href="/meters.html">Meters</a></li>
<li><a href="/leaks.html">Leaks</a></li><li><a href="/moving.html">Moving home</a></li>
<li><a href="/privacy.html">Privacy</a></li><li><a href="/contact.html">Contact us</a></li></ul>"""
BILLS = """<h1>Your bill</h1>
<button type="button" aria-expanded="false" aria-controls="more" id="t">More about bills</button>
<div id="more" hidden><p>Bills are sent every six months.</p></div>
<script>
window.addEventListener('beforeunload', function (e) { e.preventDefault(); e.returnValue = ''; });
document.getElementById('t').onclick = function () {
  document.getElementById('more').hidden = false; this.setAttribute('aria-expanded', 'true'); };
</script>"""
APP = """<h1>Our app</h1><script>window.open('/promo.html', 'promo');</script>"""
# Opens itself again in a named window: once open, that window keeps reloading.
PROMO = """<h1>Get the app</h1><script>
window.open('/promo.html?again=' + Math.random(), 'promo2');
</script>"""


def test_leave_prompts_and_popup_chains_do_not_stop_the_walk(tmp_path: Path) -> None:
    from tests.support.audits import audit_files

    pages = {
        "/index.html": ("Fenwick Water", HOME),
        "/bills.html": ("Bills", BILLS),
        "/app.html": ("App", APP),
        "/promo.html": ("Promo", PROMO),
        "/contact.html": ("Contact", "<h1>Contact us</h1><p>Call 0161 496 0555.</p>"),
    }
    for name in ("meters", "leaks", "moving", "privacy"):
        pages[f"/{name}.html"] = (name.title(), f"<h1>{name.title()}</h1><p>About {name}.</p>")
    files = {k: PAGE.format(title=t, body=b).encode() for k, (t, b) in pages.items()}
    obs, walk, seen = audit_files(files, tmp_path, region="GB", max_pages=12)
    failed = [(p.url, p.error) for p in walk.pages if p.error]
    assert failed == [], failed
    walked = {urlsplit(p.url).path for p in walk.pages}
    assert {"/meters.html", "/leaks.html", "/moving.html", "/privacy.html"} <= walked
    again = [r for r in seen if r.path.startswith("/promo.html?again")]
    assert len(again) <= 2, f"a popup's popups kept loading: {len(again)}"
    assert obs.status == "complete", obs.status_reason
