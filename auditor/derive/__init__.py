"""DERIVE: raw observations → page facts, journey graph, milestones, channel inventory.

Runs at judge time for a live audit and for ``auditor rescore`` alike, so today's
observers and journey maths always apply, whatever version wrote the observations.
Pure (no browser, no network) and cached on the observations' content: judging,
building the report and replaying evidence share one derivation.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Mapping
from urllib.parse import urlsplit

from auditor.derive.channels import merge_channels
from auditor.derive.journey import Journey, facts_by_url, start_of, walk_journey
from auditor.derive.owners import decide_owners
from auditor.derive.scripted import journey_milestones, merge
from auditor.derive.view import AuditView, WalkView, link_intents
from auditor.models import Observations, PageFacts
from auditor.observe.facts import like_unknown_address, observe_page, unknown_answer
from auditor.observe.owner import brand_names
from auditor.observe.region import guess_region

__all__ = [
    "AuditView",
    "FactsCache",
    "WalkView",
    "clear_cache",
    "derive",
    "link_intents",
    "phone_region",
    "site_brand",
]

# (viewport, index of the page in the walk) -> facts observed during the walk
FactsCache = Mapping[tuple[str, int], PageFacts]

_CACHE: OrderedDict[str, AuditView] = OrderedDict()
_CACHE_SIZE = 4


def clear_cache() -> None:
    """Forget cached derivations (after the derivation itself changed, e.g. in a test)."""
    _CACHE.clear()


def phone_region(obs: Observations) -> str | None:
    """The region phone numbers are read in: configured, else the start page's."""
    if obs.settings.region:
        return obs.settings.region.upper()
    first = next((w.pages[0] for w in obs.walks if w.pages), None)
    return guess_region(obs.start_url, first.lang if first else None)


def site_brand(obs: Observations) -> tuple[str, ...]:
    """The names the site gives itself, read once from the start page."""
    first = next((w.pages[0] for w in obs.walks if w.pages), None)
    if first is None:
        return ()
    return brand_names(first.title, first.jsonld, urlsplit(obs.start_url).hostname or "")


def _fingerprint(obs: Observations) -> str:
    return hashlib.sha256(obs.model_dump_json().encode("utf-8")).hexdigest()


def derive(obs: Observations, facts: FactsCache | None = None) -> AuditView:
    """Everything rules and reports need, from the raw record alone.

    ``facts`` may hold page facts the audit already observed on a worker thread during
    the walk (same function, same region): they are used instead of observing again.
    """
    key = _fingerprint(obs)
    cached = _CACHE.get(key)
    if cached is not None:
        _CACHE.move_to_end(key)
        return cached
    region = phone_region(obs)
    brand = site_brand(obs)
    all_facts = [
        [
            like_unknown_address(
                (facts or {}).get((walk.viewport, i))
                or observe_page(state, region=region, brand=brand),
                state,
                answer,
            )
            for i, state in enumerate(walk.pages)
        ]
        for walk, answer in ((w, unknown_answer(w)) for w in obs.walks)
    ]
    owners = decide_owners(f for page_facts in all_facts for f in page_facts)
    journeys: list[tuple[str, Journey]] = []
    views: list[WalkView] = []
    for walk, page_facts in zip(obs.walks, all_facts, strict=True):
        by_url = facts_by_url(walk.pages, page_facts)
        j = walk_journey(walk, by_url, start_of(walk, obs.start_url), owners)
        if walk.journey:
            scripted = journey_milestones(walk, start_of(walk, obs.start_url))
            j.milestones = merge(j.milestones, scripted)
        journeys.append((walk.viewport, j))
        views.append(WalkView(walk, page_facts, j.clicks, j.paths, j.milestones))
    primary = obs.primary()
    first = next((v for v in views if v.raw is primary), None)
    view = AuditView(
        obs=obs,
        walks=views,
        inventory=merge_channels(journeys, primary.viewport if primary else None, owners),
        milestones=dict(first.milestones) if first else {},
        region=region,
    )
    _CACHE[key] = view
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return view
