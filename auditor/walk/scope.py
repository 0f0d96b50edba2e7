"""Which URLs belong to the brand's journey (crawl policy, apart from page handling)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urldefrag, urlsplit, urlunsplit

import tldextract

# Help desks a brand commonly links to from its own site: the journey goes on there.
HELPDESK_SUFFIXES: tuple[str, ...] = (
    "zendesk.com",
    "freshdesk.com",
    "intercom.help",
    "helpscoutdocs.com",
    "my.site.com",
    "force.com",
    "kayako.com",
    "happyfox.com",
    "gorgias.help",
    "helpshift.com",
    "zohodesk.com",
    "desk.com",
)


@cache
def _extractor() -> tldextract.TLDExtract:
    # The bundled public-suffix snapshot: never fetch the list from the network.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def normalise_url(url: str) -> str:
    """Drop the fragment and default ports so one page has one key.

    A hash route (``#/help/billing``, ``#!/contact``) names a page of a single-page app,
    not a place on the page: it is kept.
    """
    clean, frag = urldefrag(url)
    parts = urlsplit(clean)
    netloc = parts.netloc.lower()
    if (parts.scheme == "http" and netloc.endswith(":80")) or (
        parts.scheme == "https" and netloc.endswith(":443")
    ):
        netloc = netloc.rsplit(":", 1)[0]
    path = parts.path or "/"
    route = frag if frag.startswith(("/", "!/")) and len(frag) > 1 else ""
    return urlunsplit((parts.scheme.lower(), netloc, path, parts.query, route))


def site_key(host: str) -> str:
    """Registrable domain (or the bare IP / localhost) of a host."""
    host = host.lower().split(":")[0]
    try:
        ipaddress.ip_address(host.strip("[]"))
        return host
    except ValueError:
        pass
    if host == "localhost":
        return host
    ext = _extractor()(host)
    return ext.top_domain_under_public_suffix or host


def is_loopback(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class Scope:
    """Same registrable domain (same host:port for IPs) plus linked help-desk hosts."""

    start_url: str
    extra_hosts: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        parts = urlsplit(self.start_url)
        self._host = (parts.hostname or "").lower()
        self._netloc = parts.netloc.lower()
        self._key = site_key(self._host)
        self._is_ip = self._key == self._host

    def contains(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return False
        host = (parts.hostname or "").lower()
        if self._is_ip:
            return parts.netloc.lower() == self._netloc
        if site_key(host) == self._key or host in self.extra_hosts:
            return True
        return any(host == s or host.endswith("." + s) for s in HELPDESK_SUFFIXES)
