"""Text normalisation shared by every observer.

Pages mix scripts, bidi marks, Hebrew points, ligatures and odd spaces.  Matching a
lexicon against raw DOM text would miss "Contáctanos" written with a combining accent or
"צור קשר" wrapped in RLM marks, so every matcher first passes text through ``normalise``
(for display-safe comparison) or ``fold`` (for lexicon matching, accents removed).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable
from functools import lru_cache, wraps
from typing import TypeVar
from urllib.parse import unquote

__all__ = ["HEBREW", "fold", "memo_list", "normalise", "strip_controls", "url_words"]

T = TypeVar("T")
# Distinct texts remembered per finder: a site's header, footer and cookie banner recur on
# every page, so most blocks of a walk were already read on an earlier page.
MEMO_TEXTS = 32768

# Bidi controls (LRM, RLM, LRE..RLO, LRI..PDI) and zero-width characters that only steer
# rendering; they break both lexicon matches and phone parsing.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")
# Hebrew cantillation marks and vowel points (niqqud): optional for readers, noise for us.
_HEBREW_POINTS = re.compile("[\u0591-\u05c7]")
_SPACE = re.compile(r"\s+")
# Typographic apostrophes and the Hebrew geresh all mean the ASCII apostrophe in
# "d'aide", "צ'אט" or "don't".
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u05f3": "'", "\u02bc": "'", "`": "'"})
_URL_SPLIT = re.compile(r"[/\-_.?=&#:+%,;]+")


HEBREW = re.compile("[\u05d0-\u05ea]")


def strip_controls(text: str) -> str:
    """NFKC and no bidi/zero-width controls, case and layout kept: input for parsers.

    Phone parsing needs digits in ASCII (NFKC folds full-width digits) and no RLM marks
    between them, but must still see the original spacing and punctuation.
    """
    if not text:
        return ""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


def normalise(text: str) -> str:
    """NFKC, casefold, drop bidi controls and Hebrew points, collapse whitespace."""
    if not text:
        return ""
    out = unicodedata.normalize("NFKC", text)
    out = _INVISIBLE.sub("", out)
    out = _HEBREW_POINTS.sub("", out)
    out = out.casefold().translate(_APOSTROPHES)
    return _SPACE.sub(" ", out).strip()


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """``normalise`` plus accent stripping: the form every lexicon term is matched in.

    Accents are dropped after canonical decomposition, so "Atención", "atencion" and
    "ATENCIÓN" meet; base letters of non-Latin scripts are untouched.
    """
    out = normalise(text)
    if out.isascii():
        return out
    decomposed = unicodedata.normalize("NFD", out)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    # Stripping marks can leave a bare space (NFKC turns "¯" into space + macron).
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", stripped)).strip()


def url_words(href: str | None) -> str:
    """The words of a URL's path and query, space-separated and folded.

    "/es/atencion-al-cliente/reclamaciones.html" gives "es atencion al cliente
    reclamaciones html", so URL words can be matched with the same lexicon as labels.
    The scheme and host are dropped: a host name says little about the link's purpose
    and "contact" in "contact.example.com" is still caught through the path-less host.
    """
    if not href:
        return ""
    rest = href
    if "://" in rest:
        rest = rest.split("://", 1)[1]
        host, _, path = rest.partition("/")
        rest = f"{host.split('.')[0]}/{path}"
    elif rest.startswith(("mailto:", "tel:", "javascript:")):
        return ""
    return fold(_URL_SPLIT.sub(" ", unquote(rest))).strip()


def memo_list(fn: Callable[..., list[T]]) -> Callable[..., list[T]]:
    """Remember a pure text finder's answers: each caller gets its own list of the same
    immutable findings, so the header and footer of every page are parsed once a walk."""
    cached = lru_cache(maxsize=MEMO_TEXTS)(lambda *args: tuple(fn(*args)))

    @wraps(fn)
    def finder(*args: Hashable) -> list[T]:
        return list(cached(*args))

    return finder
