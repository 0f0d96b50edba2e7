"""The channel inventory: one entry per (kind, value), merged over pages and viewports.

Each entry keeps the cheapest sighting per viewport, so "reachable in 2 clicks on a
laptop, never on a phone" is visible in one row (DESIGN §5 ``clicks_by_viewport``).
"""

from __future__ import annotations

from auditor.derive.journey import Journey, press_steps
from auditor.derive.owners import Owners, channel_key
from auditor.models import Channel, ChannelSighting

__all__ = ["merge_channels"]


def _cheapest(j: Journey) -> dict[tuple[str, str], tuple[int | None, ChannelSighting]]:
    best: dict[tuple[str, str], tuple[int | None, ChannelSighting]] = {}
    for page in j.graph.pages.values():
        for s in page.facts.channels if page.facts else []:
            key = channel_key(s.kind, s.value)
            clicks = j.dist[s.url] + s.depth if (s.visible and s.url in j.dist) else None
            old = best.get(key)
            if old is None or _better(clicks, old[0]):
                human = s.human if s.human is not None or old is None else old[1].human
                best[key] = (clicks, s.model_copy(update={"human": human}))
            elif s.human is not None and old[1].human is None:
                best[key] = (old[0], old[1].model_copy(update={"human": s.human}))
    return best


def merge_channels(
    journeys: list[tuple[str, Journey]], primary: str | None, owners: Owners
) -> list[Channel]:
    """The inventory over ``(viewport, journey)`` pairs; ``primary`` sets clicks and path."""
    merged: dict[tuple[str, str], Channel] = {}
    order: list[tuple[str, str]] = []
    for viewport, j in sorted(journeys, key=lambda vj: vj[0] != primary):
        for key, (clicks, s) in _cheapest(j).items():
            channel = merged.get(key)
            if channel is None:
                channel = Channel(
                    kind=s.kind, value=s.value, visible=False, human=s.human, cost=s.cost
                )
                merged[key] = channel
                order.append(key)
            channel.clicks_by_viewport[viewport] = clicks
            if channel.human is None:
                channel.human = s.human
            if channel.cost is None:
                channel.cost = s.cost
            if viewport == primary:
                channel.clicks = clicks
                channel.visible = clicks is not None
                channel.url = s.url
                channel.region = s.region
                channel.depth = s.depth
                channel.notes = s.notes
                if clicks is not None:
                    path = j.graph.path_to(s.url, j.pred)
                    chain = j.graph.press_chain(s.url, s.element_id)
                    channel.path = path + press_steps(chain, s.url)
            elif channel.url is None:
                channel.url = s.url
    sightings = _sightings(journeys)
    for key, channel in merged.items():
        for viewport, _ in journeys:
            channel.clicks_by_viewport.setdefault(viewport, None)
        _set_owner(channel, owners.get(key), sightings.get(key, []))
    return [merged[k] for k in order]


def _sightings(
    journeys: list[tuple[str, Journey]],
) -> dict[tuple[str, str], list[ChannelSighting]]:
    out: dict[tuple[str, str], list[ChannelSighting]] = {}
    for _, j in journeys:
        for page in j.graph.pages.values():
            for s in page.facts.channels if page.facts else []:
                out.setdefault(channel_key(s.kind, s.value), []).append(s)
    return out


def _set_owner(
    channel: Channel, decided: ChannelSighting | None, sightings: list[ChannelSighting]
) -> None:
    """The owner decided over every sighting (``owners.decide_owners``); a value seen only
    in structured data is ``metadata``.  Never in the brand's favour: unknown stays unknown.
    """
    channel.source = "page" if any(s.source == "page" for s in sightings) else "metadata"
    if decided is None:
        return
    channel.owner = decided.owner
    channel.owner_role = decided.owner_role
    channel.owner_name = decided.owner_name
    channel.owner_why = decided.owner_why


def _better(new: int | None, old: int | None) -> bool:
    if new is None:
        return False
    return old is None or new < old
