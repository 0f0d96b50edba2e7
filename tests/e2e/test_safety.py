"""DESIGN §8 on purpose-built pages: nothing that could act ever reaches the site, robots.txt
is obeyed, acting controls are never pressed, and a bot wall makes the audit inconclusive."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.api.runs import judge_and_render
from auditor.audit import run_audit
from auditor.derive import derive
from auditor.models import Settings
from tests.support.siteserver import SiteServer

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
    email = next(c for c in derive(obs).channels if c.kind == "email")
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
    phone = next(c for c in derive(obs).channels if c.kind == "phone")
    assert phone.clicks == 1  # home → Contact us; the banner cost nothing


# --- every page the browser opens is guarded (issue 13, criterion 1) --------------------

POPUPS_HOME = """
<h1>Welcome</h1>
<p><a href="/offers.html" target="_blank">Our offers</a></p>
<button type="button" aria-expanded="false" aria-controls="x" id="more">More options</button>
<div id="x" hidden>Nothing here.</div>
<p><a href="/account/cancel/confirm?id=42">Confirm cancellation</a></p>
<iframe src="/frame.html" title="frame"></iframe>
<script>
  document.getElementById('more').onclick = function () { window.open('/popup.html'); };
  window.open('/popup.html?auto=1');
  var ws = new WebSocket('{ws}/chat');
  ws.onopen = function () { ws.send('hello from the home page'); };
</script>
"""
POPUP = """<!doctype html><html><body><h1>Popup</h1>
<form id="f" method="post" action="/api/blank-form" target="_blank">
<input name="a" value="1"></form>
<script>
  fetch('/api/popup', {method: 'POST', body: 'x'});
  navigator.sendBeacon('/api/popup-beacon', 'y');
  document.getElementById('f').submit();
  var ws = new WebSocket('{ws}/popup'); ws.onopen = function () { ws.send('from popup'); };
</script></body></html>"""
FRAME = """<!doctype html><html><body>frame
<script>
  fetch('/api/frame', {method: 'POST', body: 'z'});
  var ws = new WebSocket('{ws}/frame'); ws.onopen = function () { ws.send('from frame'); };
</script></body></html>"""
CONTACT_ACTING = """<h1>Contact us</h1><p>Call 020 7946 0000.</p>
<p><a href="/subscription/cancel/confirm">Confirm cancellation</a> ·
<a href="/cancel-subscription.html">Cancel subscription</a></p>"""


def _guarded_site(ws_url: str) -> dict[str, bytes]:
    pages = {
        "/index.html": PAGE.format(title="Home", body=POPUPS_HOME.replace("{ws}", ws_url)),
        "/popup.html": POPUP.replace("{ws}", ws_url),
        "/offers.html": POPUP.replace("{ws}", ws_url),
        "/frame.html": FRAME.replace("{ws}", ws_url),
        "/contact.html": PAGE.format(title="Contact", body=CONTACT_ACTING),
        "/help.html": PAGE.format(title="Help", body="<h1>Help</h1>"),
        "/cancel-subscription.html": PAGE.format(title="Cancel", body="<h1>Cancel</h1>"),
        "/private/complaints.html": PAGE.format(title="Complaints", body="<h1>C</h1>"),
    }
    return {k: v.encode() for k, v in pages.items()}


def test_popups_frames_websockets_and_acting_links_never_act(tmp_path: Path) -> None:
    from tests.faults.servers import WebSocketServer

    with WebSocketServer() as ws, SiteServer(None, files=_guarded_site(ws.url)) as server:
        obs = run_audit(server.url + "/", _settings(screenshots=True), tmp_path)
        seen = server.logged()
    assert [(r.method, r.path) for r in seen if r.method not in ("GET", "HEAD")] == []
    assert not any(r.path.startswith("/api/") for r in seen)
    assert not any("/confirm" in r.path for r in seen), "an acting link was followed"
    assert any(r.path == "/cancel-subscription.html" for r in seen), "ordinary links are followed"
    assert ws.connections == [] and ws.frames == []
    walk = obs.walks[0]
    blocked = {(b.method, b.url.split("?")[0].rsplit("/", 1)[-1]) for b in walk.blocked}
    assert ("POST", "popup") in blocked and ("POST", "frame") in blocked
    assert ("POST", "blank-form") in blocked and ("POST", "popup-beacon") in blocked
    sends = {b.url.rsplit("/", 1)[-1] for b in walk.blocked if b.method == "WS-SEND"}
    assert {"chat", "popup", "frame"} <= sends
    assert all(b.reason == "websocket" for b in walk.blocked if b.resource_type == "WebSocket")
    assert not any("confirm" in link.url for link in walk.link_checks)


# --- web workers: their WebSockets are refused too (issue 13, criterion 1) -------------

# Each socket is on the site's own origin: the egress pinning lets it through, so only the
# guard can stop it.  A worker script first fetches /seen/<name> (proof that it ran); each
# worker reports to the page once its socket has opened or failed, and the page keeps a
# short timer running until all have (the walk waits for such timers before it moves on).
SOCKET_JS = """var WS = location.origin.replace(/^http/, 'ws');
function attempt(name, done) {
  try {
    var s = new WebSocket(WS + '/socket/' + name);
    s.onopen = function () { s.send('from ' + name); done(); };
    s.onerror = done;
  } catch (e) { done(); }
}
"""
WORKER_JS = (
    SOCKET_JS
    + """fetch('/seen/{name}').then(function () {
  attempt('{name}', function () { postMessage('{name}'); });
});
"""
)
CLASSIC_JS = "new Worker('/nested.js').onmessage = function (e) { postMessage(e.data); };\n"
SHARED_JS = (
    SOCKET_JS
    + """var port = null, over = false;
onconnect = function (e) { port = e.ports[0]; if (over) port.postMessage('shared'); };
fetch('/seen/shared').then(function () {
  attempt('shared', function () { over = true; if (port) port.postMessage('shared'); });
});
"""
)
WORKERS_HOME = """<h1>Welcome</h1><p><a href="/contact.html">Contact us</a></p>
<script>{socket}</script>
<script>
  var SOCKET = {quoted};
  var got = {};
  var seen = function (e) { got[e.data] = true; };
  var inline = function (name) {
    // (a data: worker's origin is opaque: it is told the site's)
    return SOCKET + "WS = '" + WS + "'; attempt('" + name + "', function () {"
      + " postMessage('" + name + "'); });";
  };
  new Worker('/classic.js').onmessage = seen;
  new Worker('/module.js', {type: 'module'}).onmessage = seen;
  new Worker(URL.createObjectURL(new Blob([inline('blob')]))).onmessage = seen;
  new Worker('data:text/javascript,' + encodeURIComponent(inline('data'))).onmessage = seen;
  new SharedWorker('/shared.js').port.onmessage = seen;
  attempt('page', function () {});
  try {
    new WebSocketStream(WS + '/socket/stream').opened.catch(function () {});
  } catch (e) {}
  (function wait(n) {
    if (Object.keys(got).length < 6 && n < 35) setTimeout(function () { wait(n + 1); }, 100);
  })(0);
</script>
"""


def _worker_site() -> dict[str, bytes]:
    files = _site()
    home = WORKERS_HOME.replace("{socket}", SOCKET_JS).replace("{quoted}", json.dumps(SOCKET_JS))
    files["/index.html"] = PAGE.format(title="Home", body=home).encode()
    scripts = {
        "/classic.js": CLASSIC_JS + WORKER_JS.replace("{name}", "classic"),
        "/nested.js": WORKER_JS.replace("{name}", "nested"),
        "/module.js": "import './imported.js';\n" + WORKER_JS.replace("{name}", "module"),
        "/imported.js": "export const x = 1;\n",
        "/shared.js": SHARED_JS,
    }
    for path, body in scripts.items():
        files[path] = body.encode()
    return files


def test_websockets_of_web_workers_never_connect_and_are_recorded(tmp_path: Path) -> None:
    from tests.faults.servers import WebSocketServer

    with (
        SiteServer(None, files=_worker_site()) as server,
        WebSocketServer(site=server.port) as ws,
    ):
        obs = run_audit(ws.http_url + "/", _settings(screenshots=False, max_pages=3), tmp_path)
        seen = server.logged()
    workers = {"classic", "nested", "module", "blob", "data", "shared"}
    ran = {r.path.rsplit("/", 1)[-1] for r in seen if r.path.startswith("/seen/")}
    assert {"classic", "nested", "module", "shared"} <= ran, ran  # the workers did run
    assert ws.connections == [] and ws.frames == []
    assert not any(r.path.startswith("/socket/") for r in seen)
    walk = obs.walks[0]
    sockets = [b for b in walk.blocked if b.resource_type == "WebSocket"]
    assert all(b.reason == "websocket" for b in sockets)
    opened = {b.url.rsplit("/", 1)[-1] for b in sockets if b.method == "WEBSOCKET"}
    assert workers | {"page", "stream"} <= opened, opened
    assert all(b.url.startswith(ws.url + "/socket/") for b in sockets)
    # The page's own socket is still routed: it "opens", and what it sends is recorded.
    assert {b.url.rsplit("/", 1)[-1] for b in sockets if b.method == "WS-SEND"} == {"page"}


# --- egress: a loopback audit keeps to its address and port (criterion 2) ----------------

EGRESS_HOME = """<h1>Welcome</h1>
<p><a href="/old-contact">Contact us</a></p>
<img src="{b}/pixel.png" alt=""> <iframe src="{c}/frame.html" title="c"></iframe>
<iframe src="{b}/frame.html" title="b"></iframe>
<script>fetch('{b}/api/data'); fetch('{c}/api/data');
  var s = document.createElement('script'); s.src = '{c}/x.js';
  document.head.appendChild(s);</script>
"""


def test_a_loopback_audit_never_reaches_another_port_or_address(tmp_path: Path) -> None:
    other = {"/contact.html": PAGE.format(title="Contact", body="<p>Call 020 7946 0999</p>")}
    other_files = {k: v.encode() for k, v in other.items()} | {"/frame.html": b"<p>x</p>"}
    with (
        SiteServer(None, files=other_files) as b,
        SiteServer(None, files=other_files, host="127.0.0.2") as c,
    ):
        home = EGRESS_HOME.replace("{b}", b.url).replace("{c}", c.url)
        files = _site()
        files["/index.html"] = PAGE.format(title="Home", body=home).encode()
        config = {"redirects": {"/old-contact": b.url + "/contact.html"}}
        with SiteServer(None, files=files, config=config) as a:
            obs = run_audit(a.url + "/", _settings(screenshots=False), tmp_path)
            assert a.logged(), "the audited site itself is walked"
        assert b.logged() == [] and c.logged() == []
    walk = obs.walks[0]
    landed = [p for p in walk.pages if p.requested_url.endswith("/old-contact")]
    assert landed and landed[0].offsite == b.url + "/contact.html"
    assert not landed[0].elements and not landed[0].text_blocks
    inventory = derive(obs).inventory
    assert not any(c.value.endswith("7946 0999") or "79460999" in c.value for c in inventory)
    stopped = {x.url for x in walk.blocked if x.reason == "egress"}
    assert b.url + "/contact.html" in stopped and c.url + "/api/data" in stopped


# --- TLS: a self-signed certificate is a finding with evidence (criterion 5) ------------


def test_a_self_signed_certificate_is_a_finding(tmp_path: Path) -> None:
    from tests.faults.servers import ScriptedServer, self_signed

    pages = _site()

    def answer(path: str, _h: object) -> tuple[int, dict[str, str], bytes]:
        key = "/index.html" if path == "/" else path
        if key in pages:
            return 200, {"Content-Type": "text/html; charset=utf-8"}, pages[key]
        return 404, {"Content-Type": "text/html"}, b"<h1>404</h1>"

    cert, key = self_signed(tmp_path)
    with ScriptedServer(answer) as server:
        server.wrap_tls(cert, key)
        authorised = run_audit(
            server.url + "/", _settings(screenshots=False, obey_robots=False), tmp_path / "a"
        )
        obeying = run_audit(server.url + "/", _settings(screenshots=False), tmp_path / "b")
    start = authorised.walks[0].pages[0]
    assert start.status == 200 and start.tls_error and "self-signed" in start.tls_error
    outcome = judge_and_render(authorised, tmp_path / "a", as_of="2026-11-23")
    tls = next(f for f in outcome.report.findings if f.slug == "tls-certificate-invalid")
    assert tls.outcome == "fail" and tls.evidence and "127.0.0.1" in tls.evidence[0].snippet
    # RFC 9309: a robots.txt that fails on TLS disallows everything, and says so.
    statuses = list(obeying.walks[0].robots.values())
    assert statuses and "TLS failure" in statuses[0] and "disallow" in statuses[0]
    assert obeying.walks[0].skipped_by_robots


ACCOUNT = """
<h1>Your account</h1>
<ul>
<li><a href="/account/logout">Log out</a></li>
<li><a href="/account/signout">Sign out</a></li>
<li><a href="/account/exit" aria-label="Log out">&#x23FB;</a></li>
<li><a href="/account/cancel?confirm=1">Manage subscription</a></li>
<li><a href="/newsletter/unsubscribe?token=77aa">Stop these emails</a></li>
<li><a href="/account/close?now=1">Close account</a></li>
<li><a href="/account/kontakt.html">Contact your account team</a></li>
</ul>
<button type="button" onclick="location.href='/account/logoff'">Leave</button>
<script>new Image().src = '/account/logout?pixel=1';</script>
"""
ACTING_PATHS = ("/account/logout", "/account/signout", "/account/exit", "/account/cancel",
                "/newsletter/unsubscribe", "/account/close", "/account/logoff")  # fmt: skip


def test_links_and_requests_whose_address_acts_are_never_fetched(tmp_path: Path) -> None:
    """Signing out, unsubscribing or closing an account by GET is an act, whatever the
    label says, and whoever asks: a link, a press or a pixel the page loads itself."""
    files = {
        "/index.html": PAGE.format(title="Home", body='<a href="/account/">Your account</a>'),
        "/account/index.html": PAGE.format(title="Account", body=ACCOUNT),
        "/account/kontakt.html": PAGE.format(title="Team", body="<p>Call 020 7946 0111.</p>"),
    }
    with SiteServer(None, files={k: v.encode() for k, v in files.items()}) as server:
        obs = run_audit(server.url + "/", _settings(), tmp_path)
        seen = server.logged()
    assert not [r.path for r in seen if r.path.startswith(ACTING_PATHS)], [r.path for r in seen]
    assert [r for r in seen if r.method not in ("GET", "HEAD")] == []
    assert "/account/kontakt.html" in {r.path for r in seen}, "a plain page is still walked"
    walk = obs.walk("desktop")
    assert walk is not None
    blocked = {b.url.split("?")[0].rsplit("/", 1)[-1] for b in walk.blocked if b.reason == "acting"}
    assert "logout" in blocked, walk.blocked
