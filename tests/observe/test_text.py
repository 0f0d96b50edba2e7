"""normalise / fold: the text every matcher sees."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from auditor.observe.text import fold, normalise, url_words


def test_normalise_strips_bidi_and_points_and_collapses_space() -> None:
    raw = "\u200f\u05e6\u05b8\u05d5\u05b9\u05e8  \u202b\u05e7\u05b6\u05e9\u05c1\u05b6\u05e8\u202c\n"
    assert normalise(raw) == "צור קשר"


def test_normalise_nfkc_and_casefold() -> None:
    assert normalise("ＣＯＮＴＡＣＴ\u00a0US") == "contact us"
    assert normalise("Straße") == "strasse"


def test_fold_strips_accents_but_keeps_hebrew_letters() -> None:
    assert fold("Atención al Cliente") == "atencion al cliente"
    assert fold("Réclamation") == "reclamation"
    assert fold("Kündigung") == "kundigung"
    assert fold("Reclamação") == "reclamacao"
    assert fold("שירות לקוחות") == "שירות לקוחות"


def test_fold_unifies_apostrophes() -> None:
    assert fold("Centre d’aide") == "centre d'aide"
    assert fold("צ׳אט") == "צ'אט"


def test_url_words_split_path_separators() -> None:
    assert url_words("https://www.example.es/atencion-al-cliente/hoja_reclamaciones.html") == (
        "www atencion al cliente hoja reclamaciones html"
    )
    assert url_words("/de/Kündigung") == "de kundigung"
    assert url_words("mailto:a@b.c") == ""
    assert url_words(None) == ""


@given(st.text(max_size=80))
def test_fold_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once


@given(st.text(max_size=80))
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
