"""URL helpers shared by every renderer.

Crawled URLs are untrusted: a page can link to ``javascript:`` or ``data:`` and a report
that turned those into links would run them in the reader's browser (DESIGN §8).  Only
http(s) URLs ever become links.  Fingerprints and diffs key on a *normalised path* so a
finding keeps its identity when the site moves host (staging → production) or adds a
tracking query string.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import unquote, urlsplit

WEB_SCHEMES = frozenset({"http", "https"})


def is_web_url(url: str | None) -> bool:
    """True only for absolute http(s) URLs with a host: the only ones made clickable."""
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.netloc)


def url_path_key(url: str | None) -> str:
    """The path of ``url``, normalised: no scheme, host, query or fragment; no trailing ``/``.

    ``https://www.example.com/Contact/?utm=x#top`` → ``/Contact``; an empty or unparsable
    URL gives ``""`` so findings without evidence still get a stable key.
    """
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    if parts.scheme.lower() not in WEB_SCHEMES and parts.scheme:
        # mailto:, tel:, javascript: … have no path worth normalising: keep them whole.
        return url.strip()
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    return path


def host_of(url: str | None) -> str:
    """The host name of ``url`` (lower case), or the URL itself when it has none."""
    if not url:
        return ""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        host = None
    return host or url


def display_url(url: str) -> str:
    """``url`` with percent-escapes decoded for reading (``/%D7%AA…`` → ``/תלונות``).

    Kept encoded when decoding would reveal control or formatting characters (a
    right-to-left override could make a link read as another address).
    """
    try:
        decoded = unquote(url, errors="strict")
    except UnicodeDecodeError:
        return url
    if any(unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} for ch in decoded):
        return url
    return decoded


def short_url(url: str, home_host: str) -> str:
    """``/help/contact`` for a URL on the audited host, the readable full URL otherwise."""
    if not is_web_url(url) or host_of(url) != home_host:
        return display_url(url)
    parts = urlsplit(url.strip())
    short = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return display_url(short)
