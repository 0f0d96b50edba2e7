"""The politeness key of a site: two sites with one key are never audited at once.

A host is one key whatever its port, except on loopback, where each port is a separate
server (the bench and the tests serve one site per port): keying loopback by host alone
would serialise a local sweep for no one's benefit.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def host_key(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    return f"{host}:{parts.port}" if loopback and parts.port else host
