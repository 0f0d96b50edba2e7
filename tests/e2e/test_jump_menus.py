"""Jump menus and popups (issue 11, criteria 1-2): a drop-down whose change handler sets
``location`` is a set of routes, one per option, each one click; the move is the choice's,
not the next control's (it commits a moment after the choice); a button that opens a
window leads to that window's page, one click more.  Nothing is ever submitted."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.audit import run_audit
from auditor.derive import derive
from auditor.models import Settings
from tests.support.siteserver import SiteServer

pytestmark = pytest.mark.browser

HOME = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{brand}</title>
</head><body><header><a href="/">{brand}</a> <nav><a href="/help">{help}</a></nav></header>
<main><h1>{brand}</h1><p>{tagline}</p></main></body></html>"""

HELP = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{help}</title>
</head><body><header><a href="/">{brand}</a></header><main><h1>{help}</h1>
<div role="tablist"><button role="tab" aria-controls="p1" aria-selected="true">{tab1}</button>
<button role="tab" aria-controls="p2" aria-selected="false">{tab2}</button></div>
<div role="tabpanel" id="p1"><p>{tip}</p></div><div role="tabpanel" id="p2" hidden><p>…</p></div>
<label>{topic} <select id="topic"><option value="">…</option>
<option value="/billing">{billing}</option><option value="/complaints">{complain}</option>
</select></label></main>
<script>
for (const t of document.querySelectorAll('[role=tab]')) t.addEventListener('click', () => {{
  for (const u of document.querySelectorAll('[role=tab]')) {{
    u.setAttribute('aria-selected', u === t);
    document.getElementById(u.getAttribute('aria-controls')).hidden = u !== t; }}
}});
document.getElementById('topic').addEventListener('change', (e) => {{
  if (e.target.value) setTimeout(() => {{ location.href = e.target.value; }}, 150);
}});
</script></body></html>"""

BILLING = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{billing}</title>
</head><body><h1>{billing}</h1><p>{tip}</p>
<button onclick="window.open('/chat', '_blank')">{open_chat}</button></body></html>"""

CHAT = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>Chat</title>
</head><body><h1>{chat_title}</h1><form method="post" action="/send">
<label for="m">{message}</label><textarea id="m" name="m"></textarea>
<button type="submit">{send}</button></form></body></html>"""

COMPLAINTS = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<title>{complain}</title></head><body><h1>{complain}</h1><p>{procedure}</p></body></html>"""

WORDS = {
    "en": dict(
        brand="Northwind Telecom", help="Help", tagline="Broadband for everyone.",
        tab1="Faults", tab2="Moving home", tip="Restart your router first.", topic="Topic",
        billing="Billing", complain="Make a complaint", open_chat="Open billing chat",
        chat_title="Chat with an adviser", message="Your message", send="Send",
        procedure="If you are unhappy with our service, tell us and we will respond within "
        "5 working days. If we cannot resolve your complaint within 8 weeks, you can take "
        "it to the Communications Ombudsman.",
    ),
    "de": dict(
        brand="Nordwind Strom", help="Hilfe", tagline="Strom für alle.",
        tab1="Störungen", tab2="Umzug", tip="Prüfen Sie zuerst den Zähler.", topic="Thema",
        billing="Rechnung", complain="Beschwerde einreichen", open_chat="Chat starten",
        chat_title="Chat mit unserem Kundenservice", message="Ihre Nachricht",
        send="Senden",
        procedure="Sind Sie unzufrieden, können Sie sich beschweren; wir antworten "
        "innerhalb von 10 Werktagen. Sie können sich an die Schlichtungsstelle Energie e.V. "
        "wenden.",
    ),
}  # fmt: skip


def _site(lang: str) -> dict[str, bytes]:
    w = {"lang": lang, **WORDS[lang]}
    pages = {"/index.html": HOME, "/help.html": HELP, "/billing.html": BILLING,
             "/chat.html": CHAT, "/complaints.html": COMPLAINTS}  # fmt: skip
    return {path: page.format(**w).encode() for path, page in pages.items()}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_jump_menu_is_routes_and_a_popup_is_a_page(lang: str, tmp_path: Path) -> None:
    w = WORDS[lang]
    settings = Settings(viewports=["desktop"], screenshots=False, time_limit_s=90, max_pages=10)
    with SiteServer(None, files=_site(lang)) as server:
        obs = run_audit(server.url + "/", settings, tmp_path)
        assert server.non_get_requests() == []
        assert not any(r.path.startswith("/send") for r in server.logged())
    view = derive(obs)
    complaint = view.milestones["complaint"]
    assert complaint.reached and complaint.clicks == 2
    # The move is the choice's, although it committed after the choice was read.
    assert [s.label for s in complaint.path][-2:] == [w["help"], f"choose: {w['complain']}"]
    # A choice that navigates is an answer, as on a page that stays put, not a "press".
    assert [s.action for s in complaint.path][-2:] == ["follow", "answer"]
    form = next((c for c in view.channels if c.kind == "form"), None)
    assert form is not None, [(c.kind, c.value) for c in view.channels]
    assert form.value.endswith("/chat") and form.clicks == 3
    labels = [s.label for s in form.path if s.label]
    assert labels[-3:] == [w["help"], f"choose: {w['billing']}", w["open_chat"]]
