"""Which country's numbering plan to read national phone numbers in.

"91 123 45 67" means nothing without a region.  The site's country-code TLD is the best
hint, then the page language; configuration overrides both.
"""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["guess_region"]

_TLD_REGION = {
    "uk": "GB",
    "gb": "GB",
    "es": "ES",
    "de": "DE",
    "at": "AT",
    "ch": "CH",
    "fr": "FR",
    "be": "BE",
    "il": "IL",
    "pt": "PT",
    "br": "BR",
    "it": "IT",
    "ie": "IE",
    "nl": "NL",
    "mx": "MX",
    "ar": "AR",
    "co": "CO",
    "cl": "CL",
    "pe": "PE",
    "us": "US",
    "ca": "CA",
    "au": "AU",
    "nz": "NZ",
    "lu": "LU",
}
_LANG_REGION = {"he": "IL", "iw": "IL", "es": "ES", "de": "DE", "fr": "FR", "pt": "PT", "it": "IT"}
_LANG_COUNTRY_OK = frozenset(_TLD_REGION.values())


def guess_region(url: str, lang: str | None = None, override: str | None = None) -> str | None:
    """ISO region for phone parsing: override, then ccTLD, then language, else None.

    A language tag with a country ("pt-BR", "en-US") gives that country; a bare "en"
    gives GB (REFERENCE §1) unless the TLD said otherwise.
    """
    if override:
        return override.upper()
    host = (urlsplit(url).hostname or "").lower()
    if host not in ("localhost", "127.0.0.1"):
        tld = host.rsplit(".", 1)[-1]
        if tld in _TLD_REGION:
            return _TLD_REGION[tld]
    if not lang:
        return None
    parts = lang.replace("_", "-").split("-")
    base = parts[0].lower()
    if len(parts) > 1 and parts[1].upper() in _LANG_COUNTRY_OK:
        return parts[1].upper()
    if base == "en":
        return "GB"
    return _LANG_REGION.get(base)
