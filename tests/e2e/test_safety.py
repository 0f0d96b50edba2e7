"""DESIGN §8 on purpose-built pages: nothing that could act ever reaches the site, robots.txt
is obeyed, acting controls are never pressed, and a bot wall makes the audit inconclusive."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.api.runs import judge_and_render
from auditor.audit import run_audit
from auditor.models import Settings
from auditor.siteserver import SiteServer

pytestmark = pytest.mark.browser

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<header><nav><a href="/">Home</a> <a href="/contact.html">Contact us</a>
<a href="/private/complaints.html">Complaints</a></nav></header>
<main>{body}</main><footer><a href="/help.html">Help</a></footer></body></html>"""

ACTING = """
<h1>Welcome</h1>
<script>
  alert('Welcome!');
  fetch('/api/track', {method: 'POST', body: 'x'});
  navigator.sendBeacon('/api/beacon', 'y');
  var x = new XMLHttpRequest(); x.open('PUT', '/api/put'); x.send('z');
</script>
<form id="auto" method="post" action="/api/subscribe"><input name="e" value="a@b.c"></form>
<script>setTimeout(function(){ document.getElementById('auto').submit(); }, 50);</script>
"""

CONTACT = """
<h1>Contact us</h1>
<p>Call us on 020 7946 0000.</p>
<form method="post" action="/cancel"><button type="submit">Cancel now</button></form>
<button type="button" id="del">Delete my account</button>
<button type="button" aria-expanded="false" aria-controls="more">More options</button>
<div id="more" hidden><p>Write to help@safe-brand.example</p></div>
<script>
  document.getElementById('del').onclick = function(){ fetch('/api/delete', {method: 'DELETE'}); };
  document.querySelector('[aria-controls=more]').onclick = function(){
    document.getElementById('more').hidden = false; this.setAttribute('aria-expanded', 'true'); };
</script>
"""


def _site() -> dict[str, bytes]:
    pages = {
        "/index.html": PAGE.format(title="Home", body=ACTING),
        "/contact.html": PAGE.format(title="Contact", body=CONTACT),
        "/help.html": PAGE.format(title="Help", body="<h1>Help</h1>"),
        "/private/complaints.html": PAGE.format(title="Complaints", body="<h1>Complaints</h1>"),
        "/robots.txt": "User-agent: *\nDisallow: /private/\n",
    }
    return {k: v.encode() for k, v in pages.items()}


def _settings(**kw: object) -> Settings:
    base: dict[str, object] = {"max_pages": 10, "time_limit_s": 60, "viewports": ["desktop"]}
    base.update(kw)
    return Settings(**base)  # type: ignore[arg-type]


def test_requests_that_could_act_are_answered_locally_and_recorded(tmp_path: Path) -> None:
    with SiteServer(None, files=_site()) as server:
        obs = run_audit(server.url + "/", _settings(screenshots=True), tmp_path)
        seen = server.logged()
    assert [r for r in seen if r.method not in ("GET", "HEAD")] == []
    assert not any(r.path.startswith("/api/") or r.path == "/cancel" for r in seen)
    walk = obs.walks[0]
    blocked = {(b.method, b.url.rsplit("/", 1)[-1]) for b in walk.blocked}
    assert ("POST", "track") in blocked and ("POST", "beacon") in blocked
    assert ("PUT", "put") in blocked
    labels = [p.label for page in walk.pages for p in page.presses]
    assert "More options" in labels, "a disclosure should be pressed"
    assert not any("Cancel" in label or "Delete" in label for label in labels), labels
    email = next(c for c in obs.channels if c.kind == "email")
    assert email.clicks == 2 and email.path[-1].action == "expand"


def test_robots_txt_is_obeyed_unless_told_otherwise(tmp_path: Path) -> None:
    with SiteServer(None, files=_site()) as server:
        obs = run_audit(server.url + "/", _settings(screenshots=False), tmp_path / "obey")
        obeyed = server.logged()
        server.clear_log()
        ignored = run_audit(
            server.url + "/", _settings(screenshots=False, obey_robots=False), tmp_path / "ign"
        )
        visited = server.logged()
    assert any(u.endswith("/private/complaints.html") for u in obs.walks[0].skipped_by_robots)
    assert not any(r.path.startswith("/private/") for r in obeyed)
    assert any(r.path.startswith("/private/") for r in visited)
    assert any(p.url.endswith("/private/complaints.html") for p in ignored.walks[0].pages)


def test_a_bot_wall_makes_the_audit_inconclusive(tmp_path: Path) -> None:
    config = {"status": {"/": 403}, "headers": {"/": {"cf-mitigated": "challenge"}}}
    with SiteServer(None, files=_site(), config=config) as server:
        obs = run_audit(server.url + "/", _settings(screenshots=False), tmp_path)
    assert obs.status == "inconclusive"
    outcome = judge_and_render(obs, tmp_path, as_of="2026-11-23")
    assert outcome.report.status == "inconclusive"
    assert outcome.exit_code == 3
    assert not [
        f
        for f in outcome.report.findings
        if f.outcome == "fail" and f.slug == "contact-link-broken"
    ]


BANNER = """
<div role="dialog" aria-label="Cookies" id="cookies"
     style="position:fixed;inset:0;background:rgba(0,0,0,.6);z-index:10">
  <div style="background:#fff;margin:20vh auto;padding:20px;width:320px">
    <p>We use cookies to improve your experience.</p>
    <button type="button" id="ok">Accept all cookies</button>
  </div>
</div>
<script>
  if (document.cookie.indexOf('consent=1') < 0) {
    document.getElementById('ok').onclick = function () {
      document.cookie = 'consent=1; path=/';
      document.getElementById('cookies').remove();
    };
  } else { document.getElementById('cookies').remove(); }
</script>
<h1>Welcome</h1><p>Our help is one click away.</p>
"""


def test_a_consent_banner_is_dismissed_without_counting_a_click(tmp_path: Path) -> None:
    files = _site()
    files["/index.html"] = PAGE.format(title="Home", body=BANNER).encode()
    with SiteServer(None, files=files) as server:
        obs = run_audit(server.url + "/", _settings(screenshots=False), tmp_path)
    walk = obs.walks[0]
    assert walk.consent_dismissed, "the banner should be recorded as dismissed"
    assert not any(p.label == "Accept all cookies" for page in walk.pages for p in page.presses)
    phone = next(c for c in obs.channels if c.kind == "phone")
    assert phone.clicks == 1  # home → Contact us; the banner cost nothing
