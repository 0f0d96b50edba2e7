"""Page kinds from titles, headings, URL words and forms, in every language."""

from __future__ import annotations

import pytest

from auditor.models import DeadEnd, FormField
from auditor.observe.facts import dead_end, observe_page
from auditor.observe.pagekind import classify, says_not_found

from ._states import block, form, state


@pytest.mark.parametrize(
    ("url", "title", "kind"),
    [
        ("https://x.es/", "MovilPlus – Fibra y móvil", "home"),
        ("https://x.es/atencion-cliente.html", "Atención al cliente | MovilPlus", "contact"),
        ("https://x.es/reclamaciones.html", "Hojas de reclamaciones | MovilPlus", "complaint"),
        ("https://x.es/aviso-legal.html", "Aviso legal | MovilPlus", "legal"),
        ("https://x.es/preguntas-frecuentes.html", "Preguntas frecuentes", "faq"),
        ("https://x.co.uk/complaints", "Complaints | Brand", "complaint"),
        ("https://x.co.uk/help", "Help centre | Brand", "help"),
        ("https://x.co.uk/privacy", "Privacy policy | Brand", "privacy"),
        ("https://x.co.uk/terms", "Terms and conditions | Brand", "terms"),
        ("https://x.de/impressum", "Impressum | Beispiel", "legal"),
        ("https://x.de/kuendigen", "Verträge hier kündigen | Beispiel", "cancel"),
        ("https://x.de/beschwerde", "Beschwerde | Beispiel", "complaint"),
        ("https://x.de/agb", "AGB | Beispiel", "terms"),
        ("https://x.fr/contact", "Contactez-nous | Marque", "contact"),
        ("https://x.fr/mentions-legales", "Mentions légales | Marque", "legal"),
        ("https://x.fr/mediation", "Médiateur de la consommation | Marque", "escalation"),
        ("https://x.co.il/contact", "צור קשר | מותג", "contact"),
        ("https://x.co.il/complaints", "פניות הציבור | מותג", "complaint"),
        ("https://x.pt/reclamacoes", "Livro de Reclamações | Marca", "complaint"),
        ("https://x.it/contatti", "Contatti | Marchio", "contact"),
        ("https://x.it/prodotti", "Prodotti | Marchio", "other"),
    ],
)
def test_kind_from_title(url: str, title: str, kind: str) -> None:
    assert classify(state(url, title=title)) == kind


def test_kind_from_url_words_when_title_is_generic() -> None:
    assert classify(state("https://x.es/atencion-al-cliente/", title="MovilPlus")) == "contact"


def test_footer_headings_do_not_decide() -> None:
    page = state(
        "https://x.de/tarife",
        title="Tarife | Stromwerk",
        text_blocks=[
            block("Unsere Stromtarife", 0, selector="main h1"),
            block("Rechtliches", 1, selector="footer h2", region="footer"),
            block("Kontakt", 2, selector="footer h2", region="footer"),
        ],
    )
    assert classify(page) == "other"


def test_password_form_is_login() -> None:
    login = form(fields=[FormField(name="pw", type="password")], has_password=True)
    assert classify(state("https://x.es/mi-cuenta", title="Reclamaciones", forms=[login])) == (
        "login"
    )


@pytest.mark.parametrize(
    ("title", "h1"),
    [
        ("Page not found | Acme Energy", "Oops!"),
        ("Acme Energy", "Sorry, we can't find that page"),
        ("404", ""),
        ("Error 404 - Acme", ""),
        ("Seite nicht gefunden – Stadtwerke", ""),
        ("Stadtwerke", "Diese Seite existiert leider nicht"),
        ("Página no encontrada | Telco", ""),
        ("Telco", "No hemos encontrado la página"),
        ("Page introuvable - Banque", ""),
        ("Banque", "Cette page n’existe pas"),
        ("הדף לא נמצא | חברת החשמל", ""),
        ("חברת החשמל", "העמוד המבוקש לא נמצא"),
        ("Pagina non trovata", ""),
        ("Energia", "Errore 404"),
        ("Página não encontrada · Operadora", ""),
        ("Operadora", "Não encontramos a página"),
    ],
)
def test_a_page_that_says_it_does_not_exist_is_a_dead_end(title: str, h1: str) -> None:
    blocks = [block(h1, 0, selector="main > h1")] if h1 else []
    page = state("https://www.example.com/contact", title=title, status=200, text_blocks=blocks)
    assert says_not_found(page)
    assert dead_end(page) == DeadEnd.NOT_FOUND
    facts = observe_page(page)
    assert facts.dead_end == DeadEnd.NOT_FOUND and facts.dead_end_evidence
    assert not facts.channels  # a dead end offers nothing, whatever its template shows


@pytest.mark.parametrize(
    ("title", "h1", "body"),
    [
        # Help about missing things, search results and body text are not a 404 page.
        ("No results found | Help", "Search results", ""),
        ("Contact us", "Contact us", "If the page you are looking for is not here, call us."),
        ("Lost or stolen card", "Report a lost card", ""),
        ("Parcel not found? Here is what to do", "Where is my parcel?", ""),
        ("Kontakt", "Kontakt", "Die gesuchte Seite existiert nicht mehr? Rufen Sie uns an."),
    ],
)
def test_help_about_missing_things_is_not_a_not_found_page(title: str, h1: str, body: str) -> None:
    blocks = [block(h1, 0, selector="main > h1"), block(body, 1, selector="main > p")]
    page = state("https://www.example.com/help", title=title, status=200, text_blocks=blocks)
    assert says_not_found(page) is None
    assert dead_end(page) is None


def test_an_http_error_is_its_own_dead_end_not_a_soft_404() -> None:
    page = state(title="Page not found", status=404)
    assert dead_end(page) == DeadEnd.HTTP_ERROR
    assert says_not_found(page) is None
