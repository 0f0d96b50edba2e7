"""Region and language guesses."""

from __future__ import annotations

import pytest

from auditor.observe.language import detect_language, page_language
from auditor.observe.region import guess_region

from ._states import block, state


@pytest.mark.parametrize(
    ("url", "lang", "override", "region"),
    [
        ("https://www.marca.es/", None, None, "ES"),
        ("https://shop.co.uk/help", "en", None, "GB"),
        ("https://brand.com/", "he", None, "IL"),
        ("https://brand.com/", "de-AT", None, "AT"),
        ("https://brand.com/", "pt-BR", None, "BR"),
        ("https://brand.com/", "en", None, "GB"),
        ("https://brand.de/", "en", None, "DE"),
        ("http://127.0.0.1:8000/", "fr", None, "FR"),
        ("https://brand.com/", None, None, None),
        ("https://brand.es/", "es", "mx", "MX"),
    ],
)
def test_guess_region(url: str, lang: str | None, override: str | None, region: str | None) -> None:
    assert guess_region(url, lang, override) == region


def test_lang_attribute_wins() -> None:
    page = state(lang="es-ES", content_language="en", text_blocks=[block("Hello world " * 5)])
    assert page_language(page) == "es"


def test_content_language_then_detection() -> None:
    assert page_language(state(content_language="de-DE, en")) == "de"
    text = "Nuestro servicio de atención al cliente está disponible de lunes a viernes."
    assert page_language(state(text_blocks=[block(text)])) == "es"
    assert page_language(state(lang="iw")) == "he"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Unser Kundenservice ist montags bis freitags für Sie erreichbar.", "de"),
        ("Notre service client est disponible du lundi au vendredi.", "fr"),
        ("שירות הלקוחות שלנו זמין בימים א'-ה' בין השעות שמונה לשמונה", "he"),
        ("Il nostro servizio clienti è disponibile dal lunedì al venerdì.", "it"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang
