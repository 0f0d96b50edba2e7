"""Which site a host belongs to: its registrable domain, by the public-suffix rules.

One definition for the crawl scope, channel owners (an e-mail on the site's own domain)
and baseline checks, so "www.brand.co.uk", "brand.co.uk" and "help.brand.co.uk" are one
site everywhere.
"""

from __future__ import annotations

import ipaddress
from functools import cache

import tldextract

__all__ = ["registrable_domain"]


@cache
def _extractor() -> tldextract.TLDExtract:
    # The bundled public-suffix snapshot: never fetch the list from the network.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def registrable_domain(host: str) -> str:
    """brand.co.uk of www.brand.co.uk:8443; a bare IP or localhost stays as it is."""
    host = host.lower().strip(".").split(":")[0] if host.count(":") <= 1 else host.lower()
    try:
        ipaddress.ip_address(host.strip("[]"))
        return host
    except ValueError:
        pass
    if host == "localhost":
        return host
    return _extractor()(host).top_domain_under_public_suffix or host
