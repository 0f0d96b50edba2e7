"""Topic pickers whose cards name topics, not support (issue 11, criteria 1-2).

"Wobei können wir Ihnen helfen?" over cards "Rechnung", "Vertrag & Tarif", "Umzug":
no card says "help" or "contact", yet one of them leads to the number.  The heading
over the grid is what says they are steps towards contact.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.audit import run_audit
from auditor.derive import derive
from auditor.models import Channel, Settings
from tests.support.siteserver import SiteServer

pytestmark = pytest.mark.browser

DE_HOME = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Funkwerk</title>
</head><body><header><nav><a href="/">Start</a> <a href="/tarife">Tarife</a>
<a href="/hilfe">Hilfe</a></nav></header><main><h1>Funkwerk Mobilfunk</h1>
<p>Surfen ohne Grenzen.</p></main></body></html>"""

DE_HELP = """<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>Hilfe – Funkwerk</title>
<style>.grid{display:flex;gap:12px}.card{border:1px solid #999;padding:20px;cursor:pointer}</style>
</head><body><header><nav><a href="/">Start</a> <a href="/tarife">Tarife</a>
<a href="/hilfe">Hilfe</a></nav></header><main id="view"></main>
<script>
// As React wires them: one delegated listener on the view, the cards only look pressable.
const topics = {
  rechnung: '<h1>Rechnung</h1><p>Ihre Rechnung finden Sie jeden Monat im Kundenportal.</p>',
  vertrag: '<h1>Vertrag & Tarif</h1><p>Fragen zu Ihrem Vertrag? Unser Vertragsservice: '
    + '<a href="tel:+498001234567">0800 123 4567</a></p>',
  umzug: '<h1>Umzug</h1><p>Nehmen Sie Ihren Anschluss einfach mit.</p>',
};
const cards = [['rechnung', 'Rechnung', 'Beträge, Zahlungen'],
  ['vertrag', 'Vertrag & Tarif', 'Laufzeit, Optionen'], ['umzug', 'Umzug', 'Neue Adresse']];
const view = document.getElementById('view');
function render() {
  const topic = location.pathname.split('/')[2];
  if (topic && topics[topic]) { view.innerHTML = topics[topic]; return; }
  view.innerHTML = '<h1>Hilfe</h1><section><h2>Wobei können wir Ihnen helfen?</h2>'
    + '<div class="grid">' + cards.map(([t, title, sub]) => '<div class="card" data-t="' + t
    + '"><strong>' + title + '</strong><p>' + sub + '</p></div>').join('') + '</div></section>';
}
view.addEventListener('click', (e) => {
  const card = e.target.closest('.card');
  if (!card) return;
  history.pushState({}, '', '/hilfe/' + card.dataset.t);
  render();
});
window.addEventListener('popstate', render);
render();
</script></body></html>"""

FR_HELP = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Aide – Maison Verne</title>
</head><body><header><nav><a href="/">Accueil</a> <a href="/aide">Aide</a></nav></header>
<main><h1>Aide</h1><h2>Quel est l'objet de votre demande ?</h2>
<ul class="topics"><li><button type="button" data-p="p1">Ma livraison</button></li>
<li><button type="button" data-p="p2">Ma facture</button></li>
<li><button type="button" data-p="p3">Mon compte</button></li></ul>
<div id="p1" hidden><p>Suivez votre colis depuis votre espace.</p></div>
<div id="p2" hidden><p>Une erreur sur votre facture ?
Écrivez-nous : facturation@maison-verne.fr</p></div>
<div id="p3" hidden><p>Modifiez vos informations dans votre espace.</p></div>
</main>
<script>
for (const b of document.querySelectorAll('.topics button')) b.addEventListener('click', () => {
  for (const p of document.querySelectorAll('main > div')) p.hidden = p.id !== b.dataset.p;
});
</script></body></html>"""

FR_HOME = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Maison Verne</title>
</head><body><header><nav><a href="/">Accueil</a> <a href="/aide">Aide</a></nav></header>
<main><h1>Maison Verne</h1><p>Mobilier artisanal.</p></main></body></html>"""

HE_HELP = """<!doctype html><html lang="he" dir="rtl"><head><meta charset="utf-8">
<title>עזרה – גלבוע תקשורת</title></head><body><header><nav><a href="/">ראשי</a>
<a href="/ezra">עזרה</a></nav></header><main><h1>עזרה</h1><h2>במה נוכל לעזור?</h2>
<ul id="topics"><li data-p="a">חשבונית</li><li data-p="b">ניתוק ותקלות</li>
<li data-p="c">מעבר דירה</li></ul>
<div id="a" hidden><p>את החשבונית אפשר לראות באזור האישי.</p></div>
<div id="b" hidden><p>מוקד התקלות שלנו: <a href="tel:+97235551234">03-555-1234</a></p></div>
<div id="c" hidden><p>מעבר דירה נעשה באזור האישי.</p></div></main>
<script>
// Each item listens for clicks itself; nothing in the markup says it can be pressed.
for (const li of document.querySelectorAll('#topics li')) li.addEventListener('click', () => {
  for (const d of document.querySelectorAll('main > div')) d.hidden = d.id !== li.dataset.p;
});
</script></body></html>"""

HE_HOME = """<!doctype html><html lang="he" dir="rtl"><head><meta charset="utf-8">
<title>גלבוע תקשורת</title></head><body><header><nav><a href="/">ראשי</a>
<a href="/ezra">עזרה</a></nav></header><main><h1>גלבוע תקשורת</h1><p>אינטרנט מהיר.</p></main>
</body></html>"""

SETTINGS = Settings(viewports=["desktop"], screenshots=False, time_limit_s=90, max_pages=10)


def _first_channel(tmp_path: Path, files: dict[str, bytes], kind: str) -> tuple[Channel, str]:
    """Audit the site; its first channel of ``kind`` and the site's URL (nothing was sent)."""
    with SiteServer(None, files=files) as server:
        obs = run_audit(server.url + "/", SETTINGS, tmp_path)
        assert server.non_get_requests() == []
    view = derive(obs)
    found = next((c for c in view.channels if c.kind == kind), None)
    assert found is not None, [(c.kind, c.value) for c in view.channels]
    return found, server.url


def test_a_topic_card_under_a_topic_question_is_pressed_and_its_route_counted(
    tmp_path: Path,
) -> None:
    files = {
        "/index.html": DE_HOME.encode(),
        "/tarife.html": DE_HOME.replace("Surfen ohne Grenzen.", "Unsere Tarife.").encode(),
        "/hilfe.html": DE_HELP.encode(),
    }
    phone, site = _first_channel(tmp_path, files, "phone")
    assert phone.value == "+498001234567"
    # "Hilfe" (1), then the card "Vertrag & Tarif" (1, a pushState route).
    assert phone.clicks == 2
    assert phone.url == site + "/hilfe/vertrag"
    labels = [s.label for s in phone.path if s.label]
    assert labels[-2:] == ["Hilfe", "Vertrag & Tarif Laufzeit, Optionen"]


def test_a_topic_button_that_reveals_its_answer_in_place_counts_one_click(
    tmp_path: Path,
) -> None:
    files = {"/index.html": FR_HOME.encode(), "/aide.html": FR_HELP.encode()}
    mail, _ = _first_channel(tmp_path, files, "email")
    assert mail.value == "facturation@maison-verne.fr"
    assert mail.clicks == 2
    labels = [s.label for s in mail.path if s.label]
    assert labels[-2:] == ["Aide", "Ma facture"]


def test_list_items_that_listen_for_clicks_are_pressed_in_a_right_to_left_picker(
    tmp_path: Path,
) -> None:
    files = {"/index.html": HE_HOME.encode(), "/ezra.html": HE_HELP.encode()}
    phone, _ = _first_channel(tmp_path, files, "phone")
    assert phone.value == "+97235551234"
    assert phone.clicks == 2
    labels = [s.label for s in phone.path if s.label]
    assert labels[-2:] == ["עזרה", "ניתוק ותקלות"]
