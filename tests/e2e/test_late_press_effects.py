"""What a press starts and finishes later is the press's effect (issue 11, criteria 1-2).

Routers fetch a view's data before ``history.pushState``; "Show number" buttons fetch the
number before showing it.  The walk waits for what a press started (timers, requests) and
for the DOM to go quiet, bounded, so these count as the press that caused them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.audit import run_audit
from auditor.derive import derive
from auditor.models import Settings
from tests.support.siteserver import SiteServer

pytestmark = pytest.mark.browser

SHELL = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Lindwurm</title>
</head><body><header><nav><a href="/">Start</a></nav></header><main id="view"></main>
<script>
const later = (ms) => new Promise((r) => setTimeout(r, ms));
const views = {
  '/': '<h1>Lindwurm Mobil</h1><div role="button" tabindex="0" id="go">Hilfe und Kontakt</div>',
  '/kontakt': '<h1>Kontakt</h1><p>Unsere Hotline: <span id="num"></span></p>'
    + '<button type="button" id="show">Nummer anzeigen</button>',
};
function render() {
  document.getElementById('view').innerHTML = views[location.pathname] || '<h1>?</h1>';
  const go = document.getElementById('go');
  if (go) go.addEventListener('click', async () => {
    await fetch('/data/view.json');  // the router loads the view first
    await later(300);
    history.pushState({}, '', '/kontakt');
    render();
  });
  const show = document.getElementById('show');
  if (show) show.addEventListener('click', async () => {
    const data = await (await fetch('/data/number.json')).json();
    await later(450);
    const a = '<a href="tel:' + data.tel + '">' + data.text + '</a>';
    document.getElementById('num').innerHTML = a;
    show.remove();
  });
}
window.addEventListener('popstate', render);
render();
</script></body></html>"""


def test_a_route_and_a_number_that_arrive_after_the_press_count_for_it(tmp_path: Path) -> None:
    files = {
        "/index.html": SHELL.encode(),
        "/kontakt.html": SHELL.encode(),
        "/data/view.json": b'{"ok": true}',
        "/data/number.json": b'{"tel": "+4930901820", "text": "030 901820"}',
    }
    settings = Settings(viewports=["desktop"], screenshots=False, time_limit_s=90, max_pages=6)
    with SiteServer(None, files=files) as server:
        obs = run_audit(server.url + "/", settings, tmp_path)
        assert server.non_get_requests() == []
    view = derive(obs)
    phone = next((c for c in view.channels if c.kind == "phone"), None)
    assert phone is not None, [(c.kind, c.value) for c in view.channels]
    assert phone.value == "+4930901820"
    # The card (1, a pushState 300 ms after a fetch), then "Nummer anzeigen" (1 more).
    assert phone.clicks == 2
    assert phone.url == server.url + "/kontakt"
    labels = [s.label for s in phone.path if s.label]
    assert labels[-2:] == ["Hilfe und Kontakt", "Nummer anzeigen"]
