"""Page kinds from titles, headings, URL words and forms, in every language."""

from __future__ import annotations

import pytest

from auditor.models import FormField
from auditor.observe.pagekind import classify

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
