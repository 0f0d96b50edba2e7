"""What kind of page this is (home, contact, complaint, FAQ, legal notice, login...).

The title and main heading say what a page is for; the URL words back them up.  A page
whose main form asks for a password is a sign-in page whatever its title says (the
``login-wall`` rule keys on that).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from auditor.models import PageKind, PageState
from auditor.observe.lexicon import matcher
from auditor.observe.text import fold, url_words

__all__ = ["classify", "heading_text", "main_heading", "not_found_words", "says_not_found"]

_H1 = re.compile(r"(?:^|[\s>])h1(?:$|[\s.#:\[>])", re.I)
_H2 = re.compile(r"(?:^|[\s>])h2(?:$|[\s.#:\[>])", re.I)
_TITLE_SPLIT = re.compile(r"\s+[|–—·:-]\s+")
_HOME_PATHS = re.compile(
    r"^/?(?:(?:index|home|default)\.(?:html?|php|aspx?))?$|^/[a-z]{2}(?:-[a-z]{2})?/?$", re.I
)
_MAX_HEADINGS = 3
# A heading that says "not found" is short; a long one is an article about it.
_MAX_NOT_FOUND_CHARS = 160

# Order matters: the most specific purpose wins when a heading names several.
_ORDER: tuple[tuple[PageKind, str, str | None], ...] = (
    ("escalation", "escalation_body", None),
    ("complaint", "intents", "complaint"),
    ("cancel", "intents", "cancel"),
    ("careers", "pagekind", "careers"),
    ("contact", "intents", "contact"),
    ("faq", "pagekind", "faq"),
    ("help", "intents", "help"),
    ("legal", "intents", "legal"),
    ("terms", "pagekind", "terms"),
    ("privacy", "pagekind", "privacy"),
    ("login", "intents", "login"),
)


def heading_text(state: PageState) -> str:
    """Title plus the first h1: the words that say what the page is for."""
    h1 = next((b.text for b in state.text_blocks if b.text and _H1.search(b.selector)), "")
    return " | ".join(t for t in (state.title, h1) if t)


def _first_kind(text: str) -> PageKind | None:
    if not text:
        return None
    for kind, section, key in _ORDER:
        if matcher(section, key).search(text):
            return kind
    return None


def _candidates(state: PageState) -> list[str]:
    """Texts in order of authority: title's first part, h1, whole title, main h2s.

    Footer and navigation headings ("Service", "Rechtliches") repeat on every page
    and say nothing about this one, so only headings in the main region count.
    """
    title = state.title.strip()
    first = _TITLE_SPLIT.split(title, maxsplit=1)[0] if title else ""
    h1 = [b.text for b in state.text_blocks if b.text and _H1.search(b.selector)][:1]
    h2 = [
        b.text
        for b in state.text_blocks
        if b.text and b.region in ("main", "other") and _H2.search(b.selector)
    ][:_MAX_HEADINGS]
    return [first, *h1, title, *h2]


def says_not_found(state: PageState) -> str | None:
    """The words by which a page answered with success says it does not exist, or None.

    Single-page apps answer every address with 200 and draw their "page not found" view in
    the browser; many servers do the same for a missing page.  A link to such a page is as
    broken as one that answers 404, so the title and the main heading (the h1, else the
    first heading of the main content) are read for it, in every supported language.  Body
    text is not: "if the page you are looking for is not here, call us" is help, not 404.
    """
    if state.status is not None and state.status >= 400:
        return None  # an HTTP error says it already
    return not_found_words(state.title, main_heading(state))


def main_heading(state: PageState) -> str:
    """The page's visible h1, else the first heading of its main content ("" if none)."""
    heads = [b for b in state.text_blocks if b.text and b.visible and _H1.search(b.selector)]
    if not heads:
        heads = [
            b
            for b in state.text_blocks
            if b.text and b.visible and b.region in ("main", "other") and _H2.search(b.selector)
        ]
    return heads[0].text if heads else ""


def not_found_words(title: str, heading: str) -> str | None:
    """The title or main heading when it says "page not found" (any supported language).

    Shared by the walk's pages and the link checks' HTML, so both call a page missing by
    the same words.
    """
    nf = matcher("not_found")
    title = title.strip()
    for text in (title, *_TITLE_SPLIT.split(title), heading.strip()):
        if text and len(text) <= _MAX_NOT_FOUND_CHARS and nf.search(fold(text)):
            return text
    return None


def classify(state: PageState) -> PageKind:
    """Page kind from forms, title, headings and URL words, in any language."""
    path = urlsplit(state.url).path
    visible_forms = [f for f in state.forms if f.visible]
    login_form = any(f.has_password or f.role == "login" for f in visible_forms)
    contact_form = any(f.role == "contact" or f.has_free_text for f in visible_forms)
    if login_form and not contact_form:
        return "login"
    texts = _candidates(state)
    for text in texts[:3]:
        kind = _first_kind(fold(text))
        if kind is not None and kind != "login":
            return kind
    if _HOME_PATHS.match(path):
        return "home"
    by_url = _first_kind(url_words(path))
    if by_url is not None:
        return by_url
    for text in texts[3:]:
        kind = _first_kind(fold(text))
        if kind is not None and kind != "login":
            return kind
    return "other"
