"""Issue 11 on the SPA / wizard fixture sites: presses that change the URL are page
transitions, wizards are walked to the end one click per action, and nothing that acts
is ever pressed (DESIGN §4, §8)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import AuditCache

pytestmark = pytest.mark.browser

WIZARD_SITES = ("en-spa-wizard", "de-hash-wizard", "fr-spa-assistant")
# URLs the acting controls of the last wizard steps would request.
ACTING_PATHS = ("/api/", "/kontakt/gesendet", "/aide/envoye")


def _route(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"#{parts.fragment}" if parts.fragment else "")


@pytest.mark.parametrize("site", WIZARD_SITES)
def test_acting_last_steps_are_never_pressed(site: str, audits: AuditCache) -> None:
    audited = audits.get(site)
    assert [r for r in audited.requests if r.method not in ("GET", "HEAD")] == []
    assert not [r.path for r in audited.requests if r.path.startswith(ACTING_PATHS)]
    pressed = {p.label for w in audited.observations.walks for s in w.pages for p in s.presses}
    assert not pressed & {"Send message", "Absenden", "Envoyer"}, pressed


def test_pushstate_routes_are_pages_reached_by_press_edges(audits: AuditCache) -> None:
    walk = audits.get("en-spa-wizard").observations.walk("desktop")
    assert walk is not None
    routes = {_route(p.url) for p in walk.pages}
    assert {"/", "/help", "/contact", "/tariffs"} <= routes
    edges = {(_route(e.source), _route(e.target)): e for e in walk.edges if e.action == "press"}
    assert edges[("/", "/help")].label.startswith("Help and support")
    assert edges[("/help", "/contact")].label == "Contact us"
    assert edges[("/help", "/contact")].depth == 2, "No, then Still need help? before it"


def test_the_wizard_path_names_each_choice_and_each_continue(audits: AuditCache) -> None:
    report = audits.get("en-spa-wizard").report
    contact = report.milestones["contact"]  # type: ignore[attr-defined]
    steps = [(s.action, s.label) for s in contact.path]
    assert contact.clicks == 10 == len(steps) - 1
    assert steps[:5] == [
        ("load", "start page"),
        ("press", "Help and support Answers to common questions about your account"),
        ("answer", "No"),
        ("expand", "Still need help?"),
        ("press", "Contact us"),
    ]
    assert steps[5:] == [
        ("answer", "choose: I want to make a complaint"),
        ("press", "Continue"),
        ("answer", "choose: Yes"),
        ("press", "Continue"),
        ("answer", "choose: In the next few days"),
        ("press", "Continue"),
    ]


def test_a_decision_tree_takes_the_branch_that_promises_support(audits: AuditCache) -> None:
    report = audits.get("de-hash-wizard").report
    contact = report.milestones["contact"]  # type: ignore[attr-defined]
    labels = [s.label for s in contact.path]
    assert "choose: Beschwerde einreichen" in labels
    assert labels.count("Weiter") == 3
    walk = audits.get("de-hash-wizard").observations.walk("mobile")
    assert walk is not None
    assert {"/#/hilfe", "/#/hilfe/kontakt"} <= {_route(p.url) for p in walk.pages}


BRANCHING = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Contact us | Northgate Water</title></head><body>
<header><a href="/">Northgate Water</a></header><main><h1>Contact us</h1>
<p>Tell us what your enquiry is about.</p>
<form method="post" action="/api/enquiry"><fieldset><legend>What is it about?</legend>
<label><input type="radio" name="topic" value="leak"> Report a leak</label>
<label><input type="radio" name="topic" value="bill"> My bill</label>
<label><input type="radio" name="topic" value="other"> Something else</label>
<button type="button" id="next">Continue</button></fieldset>
<div id="p-leak" hidden><p>Leaks: use the form on our leak page.</p></div>
<div id="p-bill" hidden><p>Write to bills@northgate-water.example about your bill.</p></div>
<div id="p-other" hidden><h2>Still need help?</h2>
<p>Call our customer team on 0161 496 0777, Monday to Friday 8am to 6pm.</p></div>
<button type="submit">Send</button></form></main>
<script>
document.getElementById('next').onclick = function () {
  var chosen = document.querySelector('input[name=topic]:checked');
  document.querySelectorAll('div[id^=p-]').forEach(function (d) { d.hidden = true; });
  if (chosen) document.getElementById('p-' + chosen.value).hidden = false;
};
</script></body></html>"""


def test_a_decision_tree_is_walked_down_every_branch_not_only_the_best(tmp_path: Path) -> None:
    """The phone number sits behind "Something else", the option the lexicon ranks last:
    the walk comes back for it, one choice and one Continue, and sends nothing."""
    from auditor.audit import run_audit
    from auditor.derive import derive
    from auditor.models import Settings
    from tests.support.siteserver import SiteServer

    files = {"/index.html": BRANCHING.encode()}
    settings = Settings(max_pages=3, viewports=["desktop"], screenshots=False, region="GB")
    with SiteServer(None, files=files) as server:
        obs = run_audit(server.url + "/", settings, tmp_path)
        seen = server.logged()
    assert [r for r in seen if r.method not in ("GET", "HEAD")] == []
    channels = {(c.kind, c.value): c for c in derive(obs).channels}
    phone = channels[("phone", "+441614960777")]
    email = channels[("email", "bills@northgate-water.example")]
    assert phone.clicks == 2 and email.clicks == 2, (phone.clicks, email.clicks)
    labels = [s.label for s in phone.path]
    assert labels[-2:] == ["choose: Something else", "Continue"], labels


ROUTES_ONLY_THE_APP_KNOWS = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Brightline Broadband</title></head><body><header><a href="/">Brightline</a></header>
<main id="app"></main><script>
var views = {
  "/": '<h1>Fast broadband</h1><div role="link" tabindex="0" data-to="/help">' +
       '<h3>Help and support</h3></div>',
  "/help": '<h1>Help and support</h1><button type="button" data-to="/help/contact">' +
           'Contact us</button> <button type="button" data-to="/help/complaints">' +
           'Make a complaint</button>',
  "/help/contact": '<h1>Contact us</h1><p>Call us on 0161 496 0123.</p>',
  "/help/complaints": '<h1>Complaints</h1><p>Write to complaints@brightline.example.</p>'
};
function show() { document.getElementById('app').innerHTML = views[location.pathname] || ''; }
document.addEventListener('click', function (e) {
  var to = e.target.closest('[data-to]');
  if (to) { history.pushState({}, '', to.getAttribute('data-to')); show(); }
});
show();
</script></body></html>"""


def test_a_route_the_server_does_not_know_is_reached_again_by_its_presses(
    tmp_path: Path,
) -> None:
    """/help answers 404 when loaded by itself: after "Contact us" the walk comes back to
    it through the home page's card, so "Make a complaint" is pressed too."""
    from auditor.audit import run_audit
    from auditor.derive import derive
    from auditor.models import Settings
    from tests.support.siteserver import SiteServer

    files = {"/index.html": ROUTES_ONLY_THE_APP_KNOWS.encode()}
    settings = Settings(max_pages=6, viewports=["desktop"], screenshots=False, region="GB")
    with SiteServer(None, files=files) as server:
        obs = run_audit(server.url + "/", settings, tmp_path)
        seen = server.logged()
    assert any(r.path == "/help" and r.status == 404 for r in seen), "the route is not loadable"
    channels = {(c.kind, c.value): c for c in derive(obs).channels}
    assert channels[("phone", "+441614960123")].clicks == 2
    email = channels[("email", "complaints@brightline.example")]
    assert email.clicks == 2 and [s.label for s in email.path][-1] == "Make a complaint"


PRESS_TO_DOCUMENTS = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Harrow Gas</title></head><body><header><a href="/">Harrow Gas</a></header>
<main><h1>Welcome to Harrow Gas</h1>
<button type="button" onclick="location.href='/contact-us'">Contact us</button>
<button type="button" onclick="location.assign('/help.html')">Help and support</button>
</main></body></html>"""
HELP = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Help | Harrow Gas</title></head><body><main><h1>Help and support</h1>
<p>Answers about your bill and your meter.</p></main></body></html>"""
# The brand's 404 page still prints the footer number: reaching it is no contact page.
NOT_FOUND = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Harrow Gas</title></head><body><main><h1>Oops</h1></main>
<footer><p>Customer service: 0161 496 0999</p></footer></body></html>"""


def test_a_press_that_loads_a_new_document_keeps_its_http_status(tmp_path: Path) -> None:
    """A "Contact us" button assigns ``location`` to a page the server does not have: the page it
    reaches is a 404 dead end, not a contact page with a phone at 1 click."""
    from auditor.derive import derive
    from auditor.observe.facts import DeadEnd, dead_end
    from tests.support.audits import audit_files

    files = {
        "/index.html": PRESS_TO_DOCUMENTS.encode(),
        "/help.html": HELP.encode(),
        "/404.html": NOT_FOUND.encode(),
    }
    obs, walk, _ = audit_files(files, tmp_path, region="GB", max_pages=4)
    pages = {urlsplit(p.url).path: p for p in walk.pages}
    assert pages["/contact-us"].status == 404
    assert dead_end(pages["/contact-us"]) is DeadEnd.HTTP_ERROR
    assert pages["/help.html"].status == 200
    assert not [c for c in derive(obs).channels if c.value == "+441614960999"]
