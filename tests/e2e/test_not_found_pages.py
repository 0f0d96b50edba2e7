"""Links that lead to a "page not found" answered with 200 (soft 404s) are broken links.

A single-page app answers every address with its shell and 200, and its router draws the
"not found" view in the browser; many servers do the same for a missing page.  Such a
contact link is as dead as a 404: the walk's page and the link checker's read both say so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.api.runs import judge_and_render
from auditor.audit import run_audit
from auditor.derive import derive
from auditor.models import DeadEnd, Settings
from tests.support.siteserver import SiteServer

pytestmark = pytest.mark.browser

# One shell for every route; the router renders the view for location.pathname, and a
# "not found" view for any route it does not know (here: /contact, a link in the menu).
SHELL = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Brightline</title>
</head><body><header><nav><a href="/" data-nav>Home</a> <a href="/help" data-nav>Help</a>
<a href="/contact" data-nav>Contact us</a> <a href="/complaints" data-nav>Complaints</a></nav>
</header><main id="view"></main>
<script>
const views = {
  '/': ['Brightline Energy', '<h1>Brightline Energy</h1><p>Green power for your home.</p>'],
  '/help': ['Help centre | Brightline', '<h1>Help centre</h1><p>Answers about bills.</p>'],
  '/complaints': ['Complaints | Brightline', '<h1>Complaints</h1><p>To make a complaint, '
    + 'call our complaints team on <a href="tel:+442079460555">020 7946 0555</a>. We will '
    + 'answer within 5 working days.</p>'],
};
function render() {
  const v = views[location.pathname] || ['Page not found | Brightline',
    '<h1>Sorry, we can\\'t find that page</h1><p>Try the <a href="/help" data-nav>help '
    + 'centre</a> instead.</p>'];
  document.title = v[0];
  document.getElementById('view').innerHTML = v[1];
}
document.addEventListener('click', (e) => {
  const a = e.target.closest('a[data-nav]');
  if (!a) return;
  e.preventDefault();
  history.pushState({}, '', a.getAttribute('href'));
  render();
});
window.addEventListener('popstate', render);
render();
</script></body></html>"""


def _settings(**kw: object) -> Settings:
    base: dict[str, object] = {
        "viewports": ["desktop"],
        "screenshots": False,
        "time_limit_s": 90,
        "max_pages": 10,
    }
    base.update(kw)
    return Settings.model_validate(base)


def test_a_spa_contact_route_that_draws_not_found_is_a_broken_link(tmp_path: Path) -> None:
    shell = SHELL.encode()
    # The server answers /help with help.html: the same shell, as an SPA host does.
    files = {p: shell for p in ("/index.html", "/help.html", "/contact.html", "/complaints.html")}
    with SiteServer(None, files=files) as server:
        obs = run_audit(server.url + "/", _settings(), tmp_path / "run")
        assert server.non_get_requests() == []
    view = derive(obs)
    walk = view.walks[0]
    contact = walk.facts_of(server.url + "/contact")
    assert contact is not None and contact.dead_end == DeadEnd.NOT_FOUND
    assert "can't find that page" in contact.dead_end_evidence or "not found" in (
        contact.dead_end_evidence.lower()
    )
    # The phone on the real complaints route is the way to a person, at 1 click.
    assert view.milestones["contact"].reached
    assert view.milestones["contact"].url == server.url + "/complaints"
    assert view.milestones["contact"].clicks == 1
    outcome = judge_and_render(obs, tmp_path / "run", as_of="2026-12-01")
    broken = next(f for f in outcome.report.findings if f.slug == "contact-link-broken")
    assert broken.outcome == "fail"
    snippets = [e.snippet for e in broken.evidence]
    assert any("'Contact us'" in s and "HTTP 200 but the page says" in s for s in snippets)
    assert not any("/complaints" in e.url for e in broken.evidence)
    # The not-found view's own links are no deflection loop: the journey stops there.
    loop = next(f for f in outcome.report.findings if f.slug == "deflection-loop")
    assert loop.outcome != "fail"
    rows = {r.url: r for r in outcome.report.pages}
    assert rows[server.url + "/contact"].dead_end == "not_found"
    assert rows[server.url + "/complaints"].dead_end is None


PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>
</head><body><header><nav><a href="/">Accueil</a> <a href="/aide.html">Aide</a>
<a href="/reclamations.html">Réclamations</a></nav></header><main>{body}</main></body></html>"""


def test_a_checked_link_whose_page_says_it_does_not_exist_is_broken(tmp_path: Path) -> None:
    files = {
        "/index.html": PAGE.format(title="Banque Azur", body="<h1>Bienvenue</h1>"),
        "/aide.html": PAGE.format(title="Aide | Banque Azur", body="<h1>Centre d'aide</h1>"),
        "/reclamations.html": PAGE.format(
            title="Banque Azur", body="<h1>Oups ! Cette page n'existe pas</h1>"
        ),
    }
    with SiteServer(None, files={k: v.encode() for k, v in files.items()}) as server:
        # One page: the menu's links are checked over HTTP, not walked.
        obs = run_audit(server.url + "/", _settings(max_pages=1), tmp_path / "run")
    checks = {c.url: c for c in obs.walks[0].link_checks}
    gone = checks[server.url + "/reclamations.html"]
    assert gone.status == 200 and gone.heading == "Oups ! Cette page n'existe pas"
    assert checks[server.url + "/aide.html"].heading == "Centre d'aide"
    outcome = judge_and_render(obs, tmp_path / "run", as_of="2026-12-01")
    broken = next(f for f in outcome.report.findings if f.slug == "contact-link-broken")
    assert broken.outcome == "fail"
    assert [e.url for e in broken.evidence] == [server.url + "/reclamations.html"]
    assert "n'existe pas" in broken.evidence[0].snippet
