"""The brand's name, read from what the site says about itself, for the report's title.

A client reads "Northwind Energy", not "127.0.0.1".  The site names itself in three
places, in falling order of trust: a JSON-LD ``Organization`` (or ``WebSite``) name, the
part of the page titles every page shares ("Contact us | Northwind Energy"), and the start
page's title cleaned of its tagline.  When none gives a name, the host stands in.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from auditor.models import PageState

ORG_TYPES = frozenset(
    {"organization", "corporation", "localbusiness", "onlinestore", "store", "website"}
)
# "Page | Brand", "Brand – tagline", "Brand: tagline", "Page · Brand"
TITLE_SEPARATORS = re.compile(r"\s+[|–—·•-]\s+|\s*[|–—·•]\s*|:\s+")
MAX_BRAND_CHARS = 60


def _nodes(data: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object, through lists and ``@graph``."""
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item)
    elif isinstance(data, dict):
        yield data
        yield from _nodes(data.get("@graph"))


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if k}


def jsonld_name(blocks: Iterable[str]) -> str:
    """The name of the first Organization-like JSON-LD node (Organization before WebSite)."""
    found: dict[str, str] = {}
    for block in blocks:
        try:
            data = json.loads(block)
        except (ValueError, TypeError):
            continue
        for node in _nodes(data):
            name = node.get("name")
            if not isinstance(name, str) or not name.strip():
                continue
            for kind in _types(node) & ORG_TYPES:
                found.setdefault("website" if kind == "website" else "org", name.strip())
    return found.get("org") or found.get("website") or ""


def _segments(title: str) -> list[str]:
    return [s.strip() for s in TITLE_SEPARATORS.split(title) if s.strip()]


def shared_title_part(titles: Iterable[str]) -> str:
    """The title segment most pages share: the brand in "Topic | Brand" titles."""
    counts: Counter[str] = Counter()
    seen = 0
    for title in titles:
        parts = set(_segments(title))
        if len(parts) > 1:
            counts.update(parts)
            seen += 1
    if seen < 2 or not counts:
        return ""
    part, n = counts.most_common(1)[0]
    return part if n >= 2 and n * 2 >= seen else ""


def title_name(title: str) -> str:
    """A single title without its tagline: the shorter end of "Brand | tagline"."""
    parts = _segments(title)
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return min((parts[0], parts[-1]), key=len)


def brand_name(pages: list[PageState], host: str) -> str:
    """The brand as the site names itself; the host when the site does not say."""
    ok = [p for p in pages if p.status is None or p.status < 400]
    candidates = [
        jsonld_name(b for p in ok[:1] for b in p.jsonld),
        jsonld_name(b for p in ok for b in p.jsonld),
        shared_title_part(p.title for p in ok),
        title_name(ok[0].title) if ok else "",
    ]
    name = next((c for c in candidates if c), "")
    name = " ".join(name.split())
    if not name or len(name) > MAX_BRAND_CHARS:
        return host
    return name
