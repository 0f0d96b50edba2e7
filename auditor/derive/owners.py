"""Whose is each channel value, decided once over every page and viewport.

The observers attribute each sighting from the words around it; a value is printed in
several places, so the derive stage picks the best-founded attribution (``owner_rank``)
and lets contacts that merely stand in the same paragraph as another organisation's
share its owner.  The contact milestone and the inventory both read this one decision.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from auditor.models import ChannelSighting, PageFacts

__all__ = ["Owners", "channel_key", "decide_owners", "owner_rank"]

Owners = dict[tuple[str, str], ChannelSighting]
_STREET = re.compile(r"^\D*?\d+[a-z]?", re.I)


def channel_key(kind: str, value: str) -> tuple[str, str]:
    """One inventory entry per channel: a postal address by its street and number.

    The same address is printed "Aachener Straße 210, 50931 Köln" in a legal notice,
    "Aachener Straße 210, Köln" in a footer and without commas in JSON-LD.
    """
    if kind == "postal":
        m = _STREET.match(value.strip())
        if m:
            return kind, re.sub(r"\W+", " ", m.group(0).casefold()).strip()
    return kind, value


def owner_rank(s: ChannelSighting) -> int:
    """What the words say beats where a value stands; the brand's own words beat all.

    Order: the text calls it the brand's; the text names another organisation; it stands
    where a brand's contacts usually stand; nothing says (unknown).
    """
    if s.owner_basis == "words":
        return {"brand": 0, "third_party": 1}.get(s.owner, 3)
    return {"brand": 2, "third_party": 2}.get(s.owner, 3)


def decide_owners(pages: Iterable[PageFacts]) -> Owners:
    """(kind, value) → the sighting whose attribution stands, page sightings first."""
    facts = list(pages)
    best: Owners = {}
    for f in facts:
        for s in f.channels:
            key = channel_key(s.kind, s.value)
            old = best.get(key)
            if old is None or (s.source, owner_rank(s)) < (old.source, owner_rank(old)):
                best[key] = s  # "metadata" sorts after "page"
    _share_paragraph_owners(facts, best)
    return best


def _share_paragraph_owners(facts: list[PageFacts], best: Owners) -> None:
    """ "Tel. 900 123 987 / +34 91 123 45 67": a value only placed by where it stands takes
    the owner of a value in the same paragraph that the text gives to another organisation."""
    for f in facts:
        blocks: dict[str, list[tuple[str, str]]] = {}
        for s in f.channels:
            if s.element_id and s.source == "page":
                blocks.setdefault(s.element_id, []).append(channel_key(s.kind, s.value))
        for keys in blocks.values():
            donor = next(
                (
                    best[k]
                    for k in keys
                    if best[k].owner == "third_party" and best[k].owner_basis == "words"
                ),
                None,
            )
            if donor is None:
                continue
            for k in keys:
                if best[k].owner_basis == "page":
                    best[k] = best[k].model_copy(
                        update={
                            "owner": "third_party",
                            "owner_role": donor.owner_role,
                            "owner_name": donor.owner_name,
                            "owner_why": f"beside {donor.value} ({donor.owner_why})",
                            "owner_basis": "words",
                        }
                    )
