"""Read-only accessors over ``AuditView`` shared by the rules.

Rules must stay pure and short; these helpers keep "where is the milestone", "which
signals were seen" and "what evidence shows it" written once, and they raise
``MissingInput`` when the walk recorded nothing to judge (the engine then reports the
rule as ``error`` instead of inventing a verdict).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from auditor.derive import AuditView, WalkView
from auditor.models import (
    Channel,
    FormFact,
    Milestone,
    PageFacts,
    PageState,
    Signal,
    is_direct_human,
    path_shot_keys,
)
from rules.model import Evidence, MissingInput, RuleResult

WRITTEN_KINDS = frozenset({"email", "form", "whatsapp", "messaging", "chat"})


def primary(obs: AuditView) -> WalkView:
    """The primary walk, or ``MissingInput`` when the audit walked nothing."""
    walk = obs.primary()
    if walk is None:
        raise MissingInput("the observations hold no viewport walk")
    return walk


def milestone(obs: AuditView, name: str) -> Milestone:
    """A primary milestone of the derived journey."""
    found = obs.milestones.get(name)
    if found is None:
        raise MissingInput(f"milestone {name!r} was not computed")
    return found


def typed_review(obs: AuditView, m: Milestone, what: str) -> RuleResult | None:
    """Needs review when a scripted journey reached the milestone only after going to an
    address by ``goto``: the clicks from the start page to it are not known, and a count
    that leaves them out would flatter the site."""
    if not m.reached or not m.typed_address:
        return None
    return RuleResult(
        "needs_review",
        f"{what} was reached only after the journey went straight to {m.typed_address}; "
        f"the clicks from the start page to it are not known ({m.clicks} counted after it).",
        [milestone_evidence(obs, m, f"goto {m.typed_address}")],
    )


def milestone_evidence(obs: AuditView, m: Milestone, snippet: str = "") -> Evidence:
    walk = obs.primary()
    shots = [walk.shot(k) for k in path_shot_keys(m.path, m.selector)] if walk else []
    last_shot = next((s for s in reversed(shots) if s), None)
    return Evidence(
        url=m.url or "",
        viewport=walk.viewport if walk else None,
        selector=m.selector,
        snippet=snippet,
        path=list(m.path),
        screenshot=last_shot,
    )


def channel_evidence(obs: AuditView, ch: Channel, snippet: str = "") -> Evidence:
    walk = obs.primary()
    return Evidence(
        url=ch.url or "",
        viewport=walk.viewport if walk else None,
        snippet=snippet or f"{ch.kind}: {ch.value}",
        path=list(ch.path),
    )


def site_evidence(obs: AuditView, snippet: str) -> Evidence:
    """Evidence for an absence: the site as walked, from its start page."""
    walk = obs.primary()
    start = walk.pages[0] if walk and walk.pages else None
    return Evidence(
        url=obs.final_url or obs.start_url,
        viewport=walk.viewport if walk else None,
        snippet=snippet,
        screenshot=walk.page_shot(start) if walk and start else None,
    )


def page_evidence(walk: WalkView, page: PageState, snippet: str, selector: str = "") -> Evidence:
    return Evidence(
        url=page.url,
        viewport=walk.viewport,
        selector=selector,
        snippet=snippet,
        screenshot=walk.page_shot(page),
        path=list(walk.paths.get(page.url, [])),
    )


def signal_evidence(walk: WalkView, sig: Signal) -> Evidence:
    page = find_page(walk, sig.url)
    return Evidence(
        url=sig.url,
        viewport=walk.viewport,
        snippet=sig.snippet or sig.value,
        screenshot=walk.page_shot(page) if page else None,
        path=list(walk.paths.get(sig.url, [])),
    )


def find_page(walk: WalkView, url: str) -> PageState | None:
    return next((p for p in walk.pages if url in (p.url, p.requested_url)), None)


def facts_of(walk: WalkView, url: str) -> PageFacts | None:
    return walk.facts_of(url)


def form_fact(walk: WalkView, page: PageState, form_id: str) -> FormFact | None:
    """The observers' reading of one form (role, required fields, CAPTCHA)."""
    facts = walk.facts_of(page.url)
    return next((f for f in facts.forms if f.id == form_id), None) if facts else None


def all_facts(obs: AuditView) -> Iterator[tuple[WalkView, PageFacts]]:
    for walk in obs.walks:
        for facts in walk.facts:
            yield walk, facts


def signals(
    obs: AuditView, kind: str, *, visible_only: bool = True
) -> list[tuple[WalkView, Signal]]:
    """Every signal of ``kind`` in every viewport (visible ones unless told otherwise)."""
    return [
        (walk, s)
        for walk, facts in all_facts(obs)
        for s in facts.signals
        if s.kind == kind and (s.visible or not visible_only)
    ]


def require_facts(obs: AuditView) -> None:
    """Absence rules need observer output: no facts at all means nothing was judged."""
    if not any(walk.facts for walk in obs.walks):
        raise MissingInput("no page facts were observed")


def is_human_channel(ch: Channel) -> bool:
    """A direct human channel (DESIGN §4): ``models.is_direct_human``."""
    return is_direct_human(ch.kind, ch.human)


def as_date(value: str) -> date:
    return date.fromisoformat(value)


def clicks_to(walk: WalkView, url: str, depth: int = 0) -> int | None:
    """Clicks to a thing on ``url`` revealed by ``depth`` presses (None: not reached)."""
    base = walk.clicks.get(url)
    return None if base is None else base + depth
