"""Fill the zygote's caches once, so that no fork pays for them.

Importing is not all an audit's first page costs: the lexicon's matchers and phrase
regexes are built on first use, the public-suffix list and the phone metadata are loaded
when first asked, the report templates are compiled when first rendered.  Each fork of a
cold zygote paid that again (about half a CPU-second per site, measured against a
second audit in the same process).  The zygote therefore judges and renders one small
made-up site in the seven lexicon languages before it says it is ready.

Every cache filled here belongs to a pure function, so a fork's audit is the same with or
without the warm-up; only its CPU time differs.  Nothing here starts a thread, a browser
or an event loop: the zygote must stay safe to fork.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from auditor.models import Element, Observations, PageState, TextBlock, ToolInfo, ViewportWalk

WARM_URL = "https://www.warm-up.invalid/"

# One paragraph per lexicon language, holding what the text finders look for: a phone
# number, an e-mail address, opening hours, a response time, an escalation body, a
# postal address.  The words matter less than reaching every finder.
_TEXTS = {
    "en": "Call us on 0800 123 4567, Monday to Friday 8am to 8pm. We will respond within "
    "5 working days. Email help@warm-up.invalid. If you are unhappy, contact the "
    "Financial Ombudsman Service. 10 High Street, London SW1A 2AA.",
    "de": "Rufen Sie uns an: 0800 123 4567, Montag bis Freitag 8–20 Uhr. Wir antworten "
    "innerhalb von 5 Werktagen. Schlichtungsstelle: Universalschlichtungsstelle. "
    "Hauptstraße 1, 10115 Berlin.",
    "fr": "Appelez le 01 23 45 67 89 du lundi au vendredi de 9h à 18h. Nous répondons sous "
    "48h. Vous pouvez saisir le médiateur de la consommation. 1 rue de la Paix, 75002 Paris.",
    "es": "Llámenos al 900 123 456 de lunes a viernes de 9:00 a 18:00. Responderemos en un "
    "plazo de 10 días. Puede acudir a la junta arbitral de consumo. Calle Mayor 1, 28013 "
    "Madrid.",
    "it": "Chiamaci allo 02 1234 5678 dal lunedì al venerdì dalle 9 alle 18. Risponderemo "
    "entro 30 giorni. Puoi rivolgerti all'organismo ADR. Via Roma 1, 00184 Roma.",
    "pt": "Ligue 21 123 4567 de segunda a sexta das 9h às 18h. Responderemos no prazo de 15 "
    "dias. Pode recorrer ao livro de reclamações. Rua Augusta 1, 1100-053 Lisboa.",
    "he": "התקשרו אלינו 03-1234567 בימים א׳-ה׳ 08:00-17:00. נשיב תוך 14 ימי עבודה. "
    "ניתן לפנות לממונה על תלונות הציבור.",
}


def warm_up() -> None:
    """Judge and render the made-up site once, into a folder that is then removed."""
    from auditor.api.runs import judge_and_render
    from auditor.derive import clear_cache

    with tempfile.TemporaryDirectory(prefix="cfa-warm-") as tmp:
        judge_and_render(
            sample_observations(),
            Path(tmp),
            formats=["json", "html"],
            save_observations=False,
        )
    clear_cache()


def sample_observations() -> Observations:
    """A one-walk record of a page per language, with a phone link, a mail link and text."""
    pages = [_page(lang, text, i) for i, (lang, text) in enumerate(_TEXTS.items())]
    return Observations(
        tool=ToolInfo(name="complaint-friction-auditor", version="warm-up"),
        start_url=WARM_URL,
        started_at="2026-01-01T00:00:00Z",
        walks=[ViewportWalk(viewport="desktop", width=1280, height=800, pages=pages)],
    )


def _page(lang: str, text: str, i: int) -> PageState:
    url = WARM_URL if i == 0 else f"{WARM_URL}{lang}/contact"
    return PageState(
        url=url,
        requested_url=url,
        status=200,
        title=f"Warm-up {lang}",
        lang=lang,
        dir="rtl" if lang == "he" else "ltr",
        elements=[
            Element(id=f"e{i}a", tag="a", kind="link", text="Contact", href=f"{WARM_URL}contact"),
            Element(
                id=f"e{i}b", tag="a", kind="link", text="0800 123 4567", href="tel:08001234567"
            ),
            Element(
                id=f"e{i}c", tag="a", kind="link", text="E-mail", href="mailto:help@warm-up.invalid"
            ),
        ],
        text_blocks=[TextBlock(id=f"t{i}", text=text, visible=True, region="main")],
    )
