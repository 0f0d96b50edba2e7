"""Page language: the document's own claim first, then a guess from its visible text."""

from __future__ import annotations

from auditor.models import PageState

__all__ = ["detect_language", "page_language"]

_MIN_TEXT = 20


def _primary(tag: str | None) -> str | None:
    if not tag:
        return None
    first = tag.split(",")[0].strip().replace("_", "-")
    base = first.split("-")[0].lower()
    if base == "iw":
        return "he"
    return base if base.isalpha() and 2 <= len(base) <= 3 else None


def detect_language(text: str) -> str | None:
    """py3langid's guess for a text (None when too short to tell)."""
    if len(text.strip()) < _MIN_TEXT:
        return None
    import py3langid

    lang, _score = py3langid.classify(text[:5000])
    return str(lang) if lang else None


def page_language(state: PageState) -> str | None:
    """``<html lang>``, then ``Content-Language``, then detection on visible text."""
    return (
        _primary(state.lang)
        or _primary(state.content_language)
        or detect_language(" ".join(b.text for b in state.text_blocks if b.visible))
    )
